package org.tipmonitor.cycles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.compliance.CellKey;

/**
 * Reading cells at an instant: from the versioned cell store (in a processor) or from a plain list of versions
 * (e.g. fetched with IQv2). Both follow the rule of the cell store: a later submittedAt wins, and at the same
 * instant the greater submissionId.
 */
public final class CellVersions {

    private CellVersions() {
    }

    /** Of the given versions, the one per cell that stood at {@code asOf} (the latest not after it). */
    public static List<Cell> latestAsOf(final Collection<Cell> versions, final Instant asOf) {
        final Map<String, Cell> latest = new LinkedHashMap<>();
        for (final Cell cell : versions) {
            if (cell.getSubmittedAt().isAfter(asOf)) {
                continue;
            }
            latest.merge(CellKey.of(cell).asString(), cell, (a, b) -> supersedes(b, a) ? b : a);
        }
        return new ArrayList<>(latest.values());
    }

    /** Whether {@code candidate} replaces {@code current} in the cell (the store's own ordering). */
    static boolean supersedes(final Cell candidate, final Cell current) {
        final int byTime = candidate.getSubmittedAt().compareTo(current.getSubmittedAt());
        return byTime > 0 || byTime == 0 && candidate.getSubmissionId().compareTo(current.getSubmissionId()) > 0;
    }

    /** The cell as it stood at {@code asOf} in the versioned store. */
    public static Optional<Cell> asOf(final VersionedKeyValueStore<String, Cell> store, final String key,
                                      final Instant asOf) {
        final VersionedRecord<Cell> version = store.get(key, asOf.toEpochMilli());
        return version == null ? Optional.empty() : Optional.ofNullable(version.value());
    }

    /**
     * The version standing at the cycle's cut-off followed by every earlier version submitted in the cycle, newest
     * first; empty if the cell did not exist at the cut-off. The versioned store keeps one version per instant, so
     * stepping back one millisecond before each version visits them all.
     */
    public static List<Cell> atCutoffAndInCycle(final VersionedKeyValueStore<String, Cell> store, final String key,
                                                final Cycle cycle) {
        final List<Cell> versions = new ArrayList<>();
        VersionedRecord<Cell> version = store.get(key, cycle.cutoff().toEpochMilli());
        if (version == null) {
            return versions;
        }
        versions.add(version.value());
        while (version.timestamp() > cycle.begins().toEpochMilli()) {
            version = store.get(key, version.timestamp() - 1);
            if (version == null || version.timestamp() <= cycle.begins().toEpochMilli()) {
                break;
            }
            versions.add(version.value());
        }
        return versions;
    }
}
