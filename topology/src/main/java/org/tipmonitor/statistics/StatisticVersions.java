package org.tipmonitor.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipmonitor.avro.StatisticCell;

/**
 * The versions of statistics cells and which one stands: the latest submission wins, by submittedAt and then by
 * submissionId, exactly as for response cells. A submission that leaves a cell out leaves its latest version
 * standing; one that repeats the cell replaces it (a correction).
 */
public final class StatisticVersions {

    /** Older first: the last of a cell's versions in this order is the one that stands. */
    public static final Comparator<StatisticCell> ORDER = Comparator
        .comparing(StatisticCell::getSubmittedAt)
        .thenComparing(StatisticCell::getSubmissionId);

    private StatisticVersions() {
    }

    /**
     * The key of a version in the store of versions: the cell key, then submittedAt (fixed width, so versions of a
     * cell sort by time) and submissionId. The same version delivered twice lands on the same key.
     */
    public static String versionKey(final StatisticCell cell) {
        return StatisticKey.of(cell) + '|' + String.format("%019d", cell.getSubmittedAt().toEpochMilli()) + '|'
            + cell.getSubmissionId();
    }

    /** Of the given versions, the one per cell that stood at {@code asOf} (the latest not after it). */
    public static List<StatisticCell> standingAt(final Collection<StatisticCell> versions, final Instant asOf) {
        final Map<String, StatisticCell> standing = new LinkedHashMap<>();
        for (final StatisticCell version : versions) {
            if (version.getSubmittedAt().isAfter(asOf)) {
                continue;
            }
            standing.merge(StatisticKey.of(version), version,
                (current, candidate) -> ORDER.compare(candidate, current) > 0 ? candidate : current);
        }
        return new ArrayList<>(standing.values());
    }
}
