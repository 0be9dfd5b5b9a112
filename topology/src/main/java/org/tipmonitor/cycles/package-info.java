/**
 * Reporting cycles of the biennial UNODC Global Report on Trafficking in Persons (para 44 of the 2013 report).
 *
 * <h2>Pure pieces (no Kafka)</h2>
 * <ul>
 *   <li>{@link org.tipmonitor.cycles.CycleCalendar}: the cycles, one per cut-off ({@code tip.cycles.*}).</li>
 *   <li>{@link org.tipmonitor.cycles.AsOfTables}: the compliance tables at an instant, from the cells at that
 *       instant, through the live topology's own footprint, delta and row arithmetic.</li>
 *   <li>{@link org.tipmonitor.cycles.CycleSnapshots}: the GLOTIP rows of an edition, from plain lists of cells
 *       (the topology and the HTTP export call the same function).</li>
 *   <li>{@link org.tipmonitor.cycles.GlotipCsv}: UNODC's long-format CSV.</li>
 *   <li>{@link org.tipmonitor.cycles.CellVersions}: reading cells at an instant and in a cycle.</li>
 * </ul>
 *
 * <h2>The snapshot in the topology ({@link org.tipmonitor.cycles.ReportingCycles})</h2>
 * The versioned cell store is partitioned by cell key, so each cell task takes its own share of a snapshot:
 * when its stream time or the wall clock passes a cut-off, it forwards, keyed by edition, every State cell version
 * standing at the cut-off or submitted in the cycle, then a null value ("share complete"), and remembers the
 * edition in {@code cycle-snapshots-taken}. Keyed by edition, all shares of an
 * edition meet in one task, which keeps the versions (idempotently, by {@code edition|cell|submittedAt}) and on
 * each completed share recomputes the edition with {@code CycleSnapshots.rows}, emitting only the rows that changed
 * since its last emission ({@code cycle-glotip-rows}).
 *
 * <p><b>Convergence.</b> Cell tasks pass a cut-off at different moments (stream time is per task), so with several
 * cell partitions the first emission may hold only some partitions' States; each later share completes the picture
 * and only the changed rows follow. The topic is compacted by row key, so a reader that reads it to the end gets
 * the full snapshot once every cell task has taken its share. With one cell partition the rows are emitted once.
 *
 * <p><b>Late data.</b> A State cell submitted before a taken cut-off that arrives later and becomes its cell's
 * latest is forwarded as a correction (its versions and a share-complete marker), and the changed rows follow. A
 * late revision older than its cell's latest is kept in the versioned store but changes no table and is not seen by
 * the snapshot on the topic; an export computed from the versioned store includes it.
 *
 * <p><b>Why one key per edition.</b> The regional aggregates need every State of a region together, and an
 * edition is small (about 200 States x 40 recommendations, plus revisions), so one task per edition is enough and
 * keeps the topic's rows identical to {@code CycleSnapshots.rows} over the same cells, which the HTTP export uses.
 */
package org.tipmonitor.cycles;
