package org.tipmonitor.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.RowRef;
import org.tipmonitor.avro.Theme;

/**
 * Resolves which compliance rows a cell counts in, and turns a change of footprint into the deltas that move the
 * cell out of the rows it left and into the rows it joined. This is the adder/subtractor pair of the incremental
 * aggregation: a status change is a minus and a plus on the same rows; a reference-data change (a removed
 * recommendation, a State that became a party, a moved country) is a minus on the old rows and a plus on the new.
 */
public final class Footprints {

    private Footprints() {
    }

    /**
     * The footprint of a cell with this status, resolved against the reference data as it stands, at {@code at}
     * (whether its reporter is a State party is asked at that instant). A cell about an entity that is not a State
     * (the European Union, a party but not a State party) counts in no row: State-addressed recommendations do not
     * address it, and validation rejects such responses; this keeps any accepted before out of the State figures.
     */
    public static CellFootprint resolve(final CellKey key, final ImplementationStatus status,
                                        final String submissionId, final long submittedAt,
                                        final ReferenceData reference, final Instant at) {
        final Optional<Recommendation> recommendation = reference.recommendation(key.recommendationId())
            .filter(r -> Addressing.isReportableBy(r, key.reporterType()));
        final boolean aboutState = Addressing.reportsOnStates(key.reporterType());
        final Optional<Country> country = aboutState
            ? reference.country(key.country()).filter(Expectations::isState) : Optional.empty();
        final List<RowRef> rows = new ArrayList<>();
        boolean expectedReporter = !aboutState;
        if (recommendation.isPresent() && (!aboutState || country.isPresent())) {
            rows.add(row(Dimension.RECOMMENDATION, key.recommendationId(), key.recommendationId()));
            if (aboutState) {
                final Country c = country.get();
                expectedReporter = Expectations.isStateParty(c, at);
                rows.add(row(Dimension.COUNTRY, c.getIso3(), c.getNameEn()));
                if (c.getRegion() != null) {
                    rows.add(row(Dimension.REGION, c.getRegion().getCode(), c.getRegion().getName()));
                }
                if (c.getSubRegion() != null) {
                    rows.add(row(Dimension.SUBREGION, c.getSubRegion().getCode(), c.getSubRegion().getName()));
                }
            } else {
                rows.add(row(Dimension.COUNTRY, key.country(), key.country()));
            }
            for (final Theme theme : recommendation.get().getThemes()) {
                rows.add(row(Dimension.THEME, theme.name(), theme.name()));
            }
        }
        final Boolean shouldForce = recommendation.map(r -> r.getForce() == Force.SHOULD).orElse(null);
        return CellFootprint.newBuilder()
            .setReporterType(key.reporterType())
            .setCountry(key.country())
            .setRecommendationId(key.recommendationId())
            .setStatus(status)
            .setSubmissionId(submissionId)
            .setSubmittedAt(Instant.ofEpochMilli(submittedAt))
            .setContribution(new Contribution(status, expectedReporter, Instant.ofEpochMilli(submittedAt),
                shouldForce))
            .setRows(rows)
            .build();
    }

    /** The same cell re-resolved against the reference data as it stands now, at {@code at}. */
    public static CellFootprint reresolve(final CellFootprint footprint, final ReferenceData reference,
                                          final Instant at) {
        return resolve(
            new CellKey(footprint.getReporterType(), footprint.getCountry(), footprint.getRecommendationId()),
            footprint.getStatus(), footprint.getSubmissionId(), footprint.getSubmittedAt().toEpochMilli(),
            reference, at);
    }

    /** Whether the two footprints count the same in the same rows. */
    public static boolean countsTheSame(final CellFootprint a, final CellFootprint b) {
        return a.getContribution().equals(b.getContribution()) && a.getRows().equals(b.getRows());
    }

    /** The deltas that take {@code before} (may be null: a new cell) to {@code after} (may be null: a removal). */
    public static List<ComplianceDelta> diff(final CellFootprint before, final CellFootprint after) {
        final CellFootprint any = after != null ? after : before;
        if (any == null) {
            return List.of();
        }
        final Map<RowId, RowRef> union = new LinkedHashMap<>();
        final Map<RowId, Contribution> minus = new LinkedHashMap<>();
        final Map<RowId, Contribution> plus = new LinkedHashMap<>();
        if (before != null) {
            for (final RowRef row : before.getRows()) {
                union.putIfAbsent(RowId.of(row), row);
                minus.put(RowId.of(row), before.getContribution());
            }
        }
        if (after != null) {
            for (final RowRef row : after.getRows()) {
                union.put(RowId.of(row), row);
                plus.put(RowId.of(row), after.getContribution());
            }
        }
        final List<ComplianceDelta> deltas = new ArrayList<>();
        for (final Map.Entry<RowId, RowRef> entry : union.entrySet()) {
            final Contribution out = minus.get(entry.getKey());
            final Contribution in = plus.get(entry.getKey());
            if (Objects.equals(out, in)) {
                continue;
            }
            deltas.add(ComplianceDelta.newBuilder()
                .setDimension(entry.getValue().getDimension())
                .setReporterType(any.getReporterType())
                .setKey(entry.getValue().getKey())
                .setLabel(entry.getValue().getLabel())
                .setMinus(out)
                .setPlus(in)
                .build());
        }
        return deltas;
    }

    private static RowRef row(final Dimension dimension, final String key, final String label) {
        return new RowRef(dimension, key, label);
    }

    private record RowId(Dimension dimension, String key) {
        static RowId of(final RowRef row) {
            return new RowId(row.getDimension(), row.getKey());
        }
    }
}
