/**
 * National statistics for UNODC's Global Report on Trafficking in Persons (paras 43 and 44) and the feed built
 * from them.
 *
 * <h2>Pure pieces (no Kafka)</h2>
 * <ul>
 *   <li>{@link org.tipmonitor.statistics.StatisticsValidator}: which statistics of a submission apply, and one
 *       rejection per invalid one.</li>
 *   <li>{@link org.tipmonitor.statistics.StatisticVersions}: the version of each cell that stands at an
 *       instant.</li>
 *   <li>{@link org.tipmonitor.statistics.StatisticsCube}: the figure at any point of a State's breakdowns (its own
 *       total wins; otherwise the largest sum of parts; never double counted).</li>
 *   <li>{@link org.tipmonitor.statistics.GlotipStatistics}: the rows of an edition, in UNODC's vocabulary
 *       ({@link org.tipmonitor.statistics.GlotipVocabulary}); {@link org.tipmonitor.statistics.RegionalAggregates}:
 *       their M49 sums.</li>
 * </ul>
 *
 * <h2>In the topology ({@link org.tipmonitor.statistics.StatisticsPart})</h2>
 * Accepted statistics, keyed by ISO3, meet in one task per State, which keeps every version and publishes each
 * edition's rows to tip.report.glotip when its cut-off passes, and again, as a diff, when a late figure changes
 * them. The HTTP export computes the same rows from the same store of versions. See docs/tables.md.
 */
package org.tipmonitor.statistics;
