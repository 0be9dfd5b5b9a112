package org.tipmonitor.compliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ForceSplit;
import org.tipmonitor.avro.GroupFigures;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.NetContribution;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatusCounts;

/**
 * The arithmetic of a compliance row: applying a delta (subtract the cell as it was, add it as it is) and deriving
 * the rates from the counts. Kept free of Kafka so that the formulas can be read and tested on their own.
 *
 * <p>Counting rules (docs/tables.md): every cell counts in {@code reported}; NOT_APPLICABLE never counts in
 * {@code applicable}, nor does CONSIDERED_NOT_ADOPTED on a recommendation not worded SHOULD (to consider, to be
 * encouraged or invited is answered by considering); on a SHOULD recommendation CONSIDERED_NOT_ADOPTED is
 * applicable with order value 0. ALREADY_IN_PLACE counts as implemented (order value 4). The row keeps its counts
 * per force group (SHOULD, the rest) so that obligations and options can be told apart.
 */
public final class ComplianceRows {

    private static final int STATUSES = ImplementationStatus.values().length;

    private ComplianceRows() {
    }

    /**
     * The row after the delta, or null when no cell is left in it (the row leaves the table).
     *
     * @param current  the row as stored, or null if the table has no such row yet
     * @param expected cells the row expects, from the reference data
     * @param force    the recommendation's force for a recommendation row, else null
     * @param now      stream time of the change
     */
    public static ComplianceRow apply(final ComplianceRow current, final ComplianceDelta delta, final int expected,
                                      final Force force, final long now) {
        final int[] total = current == null ? new int[STATUSES] : toArray(current.getCounts());
        final int[] should = current == null ? new int[STATUSES] : groupCounts(current, true);
        final int[] other = current == null ? new int[STATUSES] : groupCounts(current, false);
        int reportedByParties = current == null ? 0 : current.getReportedByParties();
        Instant lastSubmittedAt = current == null ? null : current.getLastSubmittedAt();
        final NetContribution net = netOf(delta);
        add(net.getCells(), total);
        add(net.getShouldCells(), should);
        add(net.getOtherCells(), other);
        reportedByParties += net.getReportedByParties();
        // A maximum cannot be subtracted, and need not be: an accepted submission stays accepted.
        lastSubmittedAt = latest(lastSubmittedAt, net.getLastSubmittedAt());
        if (sum(total) <= 0) {
            return null;
        }
        final String label = delta.getLabel() != null ? delta.getLabel() : current == null ? null : current.getLabel();
        return derive(delta.getDimension(), delta.getReporterType(), delta.getKey(), label, expected, force, total,
            should, other, reportedByParties, lastSubmittedAt, now);
    }

    /**
     * Two deltas of one row as one: applying the result equals applying {@code first}, then {@code second} (and,
     * counts being sums, in either order). The label is the later one that has a label.
     */
    public static ComplianceDelta combine(final ComplianceDelta first, final ComplianceDelta second) {
        final NetContribution a = netOf(first);
        final NetContribution b = netOf(second);
        final NetContribution sum = NetContribution.newBuilder()
            .setCells(sum(a.getCells(), b.getCells()))
            .setShouldCells(sum(a.getShouldCells(), b.getShouldCells()))
            .setOtherCells(sum(a.getOtherCells(), b.getOtherCells()))
            .setReportedByParties(a.getReportedByParties() + b.getReportedByParties())
            .setLastSubmittedAt(latest(a.getLastSubmittedAt(), b.getLastSubmittedAt()))
            .setChanges(a.getChanges() + b.getChanges())
            .build();
        return ComplianceDelta.newBuilder()
            .setDimension(second.getDimension())
            .setReporterType(second.getReporterType())
            .setKey(second.getKey())
            .setLabel(second.getLabel() != null ? second.getLabel() : first.getLabel())
            .setMinus(null)
            .setPlus(null)
            .setNet(sum)
            .build();
    }

    /** Whether applying the delta can add a cell to a row (a row that does not exist can only start that way). */
    public static boolean addsCells(final ComplianceDelta delta) {
        return netOf(delta).getCells().values().stream().anyMatch(count -> count > 0);
    }

    /** What a delta changes, as a net change: one cell change (minus, plus) or several already combined (net). */
    static NetContribution netOf(final ComplianceDelta delta) {
        if (delta.getNet() != null) {
            return delta.getNet();
        }
        final int[] total = new int[STATUSES];
        final int[] should = new int[STATUSES];
        final int[] other = new int[STATUSES];
        int reportedByParties = 0;
        Instant lastSubmittedAt = null;
        final Contribution minus = delta.getMinus();
        if (minus != null) {
            count(minus, total, should, other, -1);
            if (minus.getExpectedReporter()) {
                reportedByParties--;
            }
        }
        final Contribution plus = delta.getPlus();
        if (plus != null) {
            count(plus, total, should, other, +1);
            if (plus.getExpectedReporter()) {
                reportedByParties++;
            }
            lastSubmittedAt = plus.getSubmittedAt();
        }
        return new NetContribution(toMap(total), toMap(should), toMap(other), reportedByParties, lastSubmittedAt, 1);
    }

    /** The same row with its expectation (and so its coverage) and force brought up to date with the reference. */
    public static ComplianceRow withExpected(final ComplianceRow row, final int expected, final Force force,
                                             final long now) {
        return derive(row.getDimension(), row.getReporterType(), row.getKey(), row.getLabel(), expected, force,
            toArray(row.getCounts()), groupCounts(row, true), groupCounts(row, false), row.getReportedByParties(),
            row.getLastSubmittedAt(), now);
    }

    /** The force a row of this dimension and key shows: the recommendation's, for a recommendation row. */
    public static Force forceOf(final Dimension dimension, final String key, final ReferenceData reference) {
        return dimension == Dimension.RECOMMENDATION
            ? reference.recommendation(key).map(r -> r.getForce()).orElse(null) : null;
    }

    /** Cells that count as implemented: IMPLEMENTED and ALREADY_IN_PLACE. */
    public static int implemented(final StatusCounts counts) {
        return counts.getIMPLEMENTED() + counts.getALREADYINPLACE();
    }

    static ComplianceRow derive(final Dimension dimension, final ReporterType reporterType, final String key,
                                final String label, final int expected, final Force force, final int[] total,
                                final int[] should, final int[] other, final int reportedByParties,
                                final Instant lastSubmittedAt, final long now) {
        final int[] notShould = new int[STATUSES];
        for (int i = 0; i < STATUSES; i++) {
            notShould[i] = total[i] - should[i];
        }
        // Cells counted before contributions carried their force group are in neither group; they are not SHOULD
        // for the rules until the next reconciliation re-resolves them.
        final Figures shouldFigures = Figures.of(should, true);
        final Figures rest = Figures.of(notShould, false);
        final int reported = shouldFigures.reported + rest.reported;
        final int applicable = shouldFigures.applicable + rest.applicable;
        final int implemented = shouldFigures.implemented + rest.implemented;
        final long orderSum = shouldFigures.orderSum + rest.orderSum;
        final int covering = dimension == Dimension.COUNTRY ? reported : reportedByParties;
        return ComplianceRow.newBuilder()
            .setDimension(dimension)
            .setReporterType(reporterType)
            .setKey(key)
            .setLabel(label)
            .setExpected(expected)
            .setReported(reported)
            .setReportedByParties(reportedByParties)
            .setCounts(toCounts(total))
            .setApplicable(applicable)
            .setImplementationRate(rate(implemented, applicable))
            .setProgressScore(score(orderSum, applicable))
            .setCoverage(expected == 0 ? null : (double) covering / expected)
            .setLastSubmittedAt(lastSubmittedAt)
            .setForce(force)
            .setByForce(new ForceSplit(shouldFigures.toAvro(should), Figures.of(other, false).toAvro(other)))
            .setUpdatedAt(Instant.ofEpochMilli(now))
            .build();
    }

    /** The order value a status adds to the progress score, or -1 when it is not applicable in its group. */
    static int orderValue(final ImplementationStatus status, final boolean should) {
        if (status == ImplementationStatus.ALREADY_IN_PLACE) {
            return StatusOrder.MAX;
        }
        if (status == ImplementationStatus.CONSIDERED_NOT_ADOPTED) {
            return should ? 0 : -1;
        }
        return StatusOrder.order(status);
    }

    private static void count(final Contribution contribution, final int[] total, final int[] should,
                              final int[] other, final int sign) {
        final int status = contribution.getStatus().ordinal();
        total[status] += sign;
        if (Boolean.TRUE.equals(contribution.getShouldForce())) {
            should[status] += sign;
        } else if (Boolean.FALSE.equals(contribution.getShouldForce())) {
            other[status] += sign;
        }
    }

    private static Instant latest(final Instant a, final Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isAfter(a) ? a : b;
    }

    /**
     * Adds counts by status name to counts by ordinal. A name this version does not know (written by a newer one
     * during a rolling upgrade) counts as UNKNOWN, as a contribution with that status would.
     */
    private static void add(final Map<String, Integer> byName, final int[] counts) {
        byName.forEach((name, count) -> counts[statusNamed(name).ordinal()] += count);
    }

    private static ImplementationStatus statusNamed(final String name) {
        for (final ImplementationStatus status : ImplementationStatus.values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return ImplementationStatus.UNKNOWN;
    }

    /** Counts by status name, in the order of the statuses, without the zeros. */
    private static Map<String, Integer> toMap(final int[] counts) {
        final Map<String, Integer> byName = new LinkedHashMap<>();
        for (final ImplementationStatus status : ImplementationStatus.values()) {
            if (counts[status.ordinal()] != 0) {
                byName.put(status.name(), counts[status.ordinal()]);
            }
        }
        return byName;
    }

    private static Map<String, Integer> sum(final Map<String, Integer> a, final Map<String, Integer> b) {
        final int[] counts = new int[STATUSES];
        add(a, counts);
        add(b, counts);
        return toMap(counts);
    }

    private static int[] groupCounts(final ComplianceRow row, final boolean should) {
        final ForceSplit split = row.getByForce();
        if (split == null) {
            return new int[STATUSES];
        }
        return toArray((should ? split.getShould() : split.getOther()).getCounts());
    }

    private static Double rate(final int implemented, final int applicable) {
        return applicable == 0 ? null : (double) implemented / applicable;
    }

    private static Double score(final long orderSum, final int applicable) {
        return applicable == 0 ? null : (double) orderSum / (StatusOrder.MAX * (double) applicable);
    }

    private static int sum(final int[] counts) {
        int sum = 0;
        for (final int count : counts) {
            sum += count;
        }
        return sum;
    }

    static int[] toArray(final StatusCounts c) {
        final int[] counts = new int[STATUSES];
        counts[ImplementationStatus.NOT_STARTED.ordinal()] = c.getNOTSTARTED();
        counts[ImplementationStatus.PLANNED.ordinal()] = c.getPLANNED();
        counts[ImplementationStatus.IN_PROGRESS.ordinal()] = c.getINPROGRESS();
        counts[ImplementationStatus.PARTIALLY_IMPLEMENTED.ordinal()] = c.getPARTIALLYIMPLEMENTED();
        counts[ImplementationStatus.IMPLEMENTED.ordinal()] = c.getIMPLEMENTED();
        counts[ImplementationStatus.NOT_APPLICABLE.ordinal()] = c.getNOTAPPLICABLE();
        counts[ImplementationStatus.CONSIDERED_NOT_ADOPTED.ordinal()] = c.getCONSIDEREDNOTADOPTED();
        counts[ImplementationStatus.ALREADY_IN_PLACE.ordinal()] = c.getALREADYINPLACE();
        return counts;
    }

    private static StatusCounts toCounts(final int[] counts) {
        return new StatusCounts(
            counts[ImplementationStatus.NOT_STARTED.ordinal()],
            counts[ImplementationStatus.PLANNED.ordinal()],
            counts[ImplementationStatus.IN_PROGRESS.ordinal()],
            counts[ImplementationStatus.PARTIALLY_IMPLEMENTED.ordinal()],
            counts[ImplementationStatus.IMPLEMENTED.ordinal()],
            counts[ImplementationStatus.NOT_APPLICABLE.ordinal()],
            counts[ImplementationStatus.CONSIDERED_NOT_ADOPTED.ordinal()],
            counts[ImplementationStatus.ALREADY_IN_PLACE.ordinal()]);
    }

    /** The figures of a set of cells counted by one group's rules. */
    private record Figures(int reported, int applicable, int implemented, long orderSum) {

        static Figures of(final int[] counts, final boolean should) {
            int reported = 0;
            int applicable = 0;
            long orderSum = 0;
            for (final ImplementationStatus status : ImplementationStatus.values()) {
                final int count = counts[status.ordinal()];
                reported += count;
                final int value = orderValue(status, should);
                if (value >= 0) {
                    applicable += count;
                    orderSum += (long) value * count;
                }
            }
            final int implemented = counts[ImplementationStatus.IMPLEMENTED.ordinal()]
                + counts[ImplementationStatus.ALREADY_IN_PLACE.ordinal()];
            return new Figures(reported, applicable, implemented, orderSum);
        }

        GroupFigures toAvro(final int[] counts) {
            return new GroupFigures(reported, applicable, implemented, toCounts(counts), rate(implemented, applicable),
                score(orderSum, applicable));
        }
    }
}
