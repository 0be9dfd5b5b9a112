package org.tipmonitor.compliance;

import java.time.Instant;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatusCounts;

/**
 * The arithmetic of a compliance row: applying a delta (subtract the cell as it was, add it as it is) and deriving
 * the rates from the counts. Kept free of Kafka so that the formulas can be read and tested on their own.
 */
public final class ComplianceRows {

    private ComplianceRows() {
    }

    /**
     * The row after the delta, or null when no cell is left in it (the row leaves the table).
     *
     * @param current  the row as stored, or null if the table has no such row yet
     * @param expected cells the row expects, from the reference data
     * @param now      stream time of the change
     */
    public static ComplianceRow apply(final ComplianceRow current, final ComplianceDelta delta, final int expected,
                                      final long now) {
        final int[] counts = current == null ? new int[ImplementationStatus.values().length] : toArray(current);
        int reported = current == null ? 0 : current.getReported();
        int reportedByParties = current == null ? 0 : current.getReportedByParties();
        Instant lastSubmittedAt = current == null ? null : current.getLastSubmittedAt();
        final Contribution minus = delta.getMinus();
        if (minus != null) {
            counts[minus.getStatus().ordinal()]--;
            reported--;
            if (minus.getExpectedReporter()) {
                reportedByParties--;
            }
        }
        final Contribution plus = delta.getPlus();
        if (plus != null) {
            counts[plus.getStatus().ordinal()]++;
            reported++;
            if (plus.getExpectedReporter()) {
                reportedByParties++;
            }
            // A maximum cannot be subtracted, and need not be: an accepted submission stays accepted.
            if (lastSubmittedAt == null || plus.getSubmittedAt().isAfter(lastSubmittedAt)) {
                lastSubmittedAt = plus.getSubmittedAt();
            }
        }
        if (reported <= 0) {
            return null;
        }
        final String label = delta.getLabel() != null ? delta.getLabel() : current == null ? null : current.getLabel();
        return derive(delta.getDimension(), delta.getReporterType(), delta.getKey(), label, expected, counts,
            reportedByParties, lastSubmittedAt, now);
    }

    /** The same row with its expectation (and so its coverage) brought up to date with the reference data. */
    public static ComplianceRow withExpected(final ComplianceRow row, final int expected, final long now) {
        return derive(row.getDimension(), row.getReporterType(), row.getKey(), row.getLabel(), expected,
            toArray(row), row.getReportedByParties(), row.getLastSubmittedAt(), now);
    }

    static ComplianceRow derive(final Dimension dimension, final ReporterType reporterType, final String key,
                                final String label, final int expected, final int[] counts,
                                final int reportedByParties, final Instant lastSubmittedAt, final long now) {
        int reported = 0;
        long orderSum = 0;
        for (final ImplementationStatus status : ImplementationStatus.values()) {
            final int count = counts[status.ordinal()];
            reported += count;
            if (StatusOrder.isOrdered(status)) {
                orderSum += (long) StatusOrder.order(status) * count;
            }
        }
        final int applicable = reported - counts[ImplementationStatus.NOT_APPLICABLE.ordinal()];
        final int covering = dimension == Dimension.COUNTRY ? reported : reportedByParties;
        return ComplianceRow.newBuilder()
            .setDimension(dimension)
            .setReporterType(reporterType)
            .setKey(key)
            .setLabel(label)
            .setExpected(expected)
            .setReported(reported)
            .setReportedByParties(reportedByParties)
            .setCounts(toCounts(counts))
            .setApplicable(applicable)
            .setImplementationRate(applicable == 0 ? null
                : (double) counts[ImplementationStatus.IMPLEMENTED.ordinal()] / applicable)
            .setProgressScore(applicable == 0 ? null : (double) orderSum / (StatusOrder.MAX * (double) applicable))
            .setCoverage(expected == 0 ? null : (double) covering / expected)
            .setLastSubmittedAt(lastSubmittedAt)
            .setUpdatedAt(Instant.ofEpochMilli(now))
            .build();
    }

    static int[] toArray(final ComplianceRow row) {
        final StatusCounts c = row.getCounts();
        final int[] counts = new int[ImplementationStatus.values().length];
        counts[ImplementationStatus.NOT_STARTED.ordinal()] = c.getNOTSTARTED();
        counts[ImplementationStatus.PLANNED.ordinal()] = c.getPLANNED();
        counts[ImplementationStatus.IN_PROGRESS.ordinal()] = c.getINPROGRESS();
        counts[ImplementationStatus.PARTIALLY_IMPLEMENTED.ordinal()] = c.getPARTIALLYIMPLEMENTED();
        counts[ImplementationStatus.IMPLEMENTED.ordinal()] = c.getIMPLEMENTED();
        counts[ImplementationStatus.NOT_APPLICABLE.ordinal()] = c.getNOTAPPLICABLE();
        return counts;
    }

    private static StatusCounts toCounts(final int[] counts) {
        return new StatusCounts(
            counts[ImplementationStatus.NOT_STARTED.ordinal()],
            counts[ImplementationStatus.PLANNED.ordinal()],
            counts[ImplementationStatus.IN_PROGRESS.ordinal()],
            counts[ImplementationStatus.PARTIALLY_IMPLEMENTED.ordinal()],
            counts[ImplementationStatus.IMPLEMENTED.ordinal()],
            counts[ImplementationStatus.NOT_APPLICABLE.ordinal()]);
    }
}
