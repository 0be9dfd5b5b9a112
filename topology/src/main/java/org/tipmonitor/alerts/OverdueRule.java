package org.tipmonitor.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.compliance.ReferenceData;

/**
 * OVERDUE (GAP): at a cycle's cut-off, a State that was a party when the cycle began and sent no State response in
 * the cycle on a recommendation addressed to States with the force SHOULD or SHOULD_CONSIDER. One alert per
 * (country, cycle) lists the missing recommendations in its details; HIGH if any of them is a SHOULD, else MEDIUM.
 *
 * <p>A response for the cycle's own window cannot normally arrive after the cut-off, so the alert is resolved by
 * catching up: each missing recommendation is struck off when an accepted State response on it arrives with a
 * submittedAt in the cycle's window or later (a back-dated response that arrives late, e.g. on a replay, counts as
 * on time for its own cycle anyway), and the alert resolves when none is left.
 */
public final class OverdueRule {

    private static final Comparator<Recommendation> PARAGRAPH_ORDER = Comparator
        .comparing((Recommendation r) -> r.getSession().getId())
        .thenComparingInt(Recommendation::getParagraph)
        .thenComparing(Recommendation::getId);

    private OverdueRule() {
    }

    /**
     * Whether a State must answer the recommendation in the cycle: addressed to States, worded SHOULD or SHOULD
     * CONSIDER, and adopted at a session that ended before the cut-off.
     */
    public static boolean isRequired(final Recommendation recommendation, final ReportingCycle cycle) {
        final Force force = recommendation.getForce();
        return Addressing.isStateAddressed(recommendation)
            && (force == Force.SHOULD || force == Force.SHOULD_CONSIDER)
            && startOfDay(recommendation.getSession().getEndDate()).isBefore(cycle.cutoff());
    }

    /** The recommendations every expected State must answer in the cycle, in paragraph order. */
    public static List<Recommendation> required(final ReferenceData reference, final ReportingCycle cycle) {
        return reference.recommendations().stream()
            .filter(recommendation -> isRequired(recommendation, cycle))
            .sorted(PARAGRAPH_ORDER)
            .collect(Collectors.toList());
    }

    /**
     * Whether the State is expected to report in the cycle: a party (now) that became one at or before the cycle
     * began. A party without a date in the reference data counts as a party throughout.
     */
    public static boolean expectedToReport(final Country country, final ReportingCycle cycle) {
        if (!Expectations.isParty(country)) {
            return false;
        }
        final LocalDate since = country.getProtocolPartySince();
        return since == null || !startOfDay(since).isAfter(cycle.begins());
    }

    /** The alert of a State that did not answer {@code missing} (in paragraph order) in the cycle. */
    public static Optional<AlertDraft> draft(final String country, final ReportingCycle cycle,
                                             final List<Recommendation> missing, final String submissionId) {
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        final boolean anyShould = missing.stream().anyMatch(r -> r.getForce() == Force.SHOULD);
        final List<String> ids = missing.stream().map(Recommendation::getId).collect(Collectors.toList());
        return Optional.of(new AlertDraft(AlertIds.overdue(country, cycle.edition()), AlertKind.OVERDUE,
            anyShould ? AlertSeverity.HIGH : AlertSeverity.MEDIUM, AlertCategory.GAP, ReporterType.STATE, country,
            null, cycle.label(),
            country + " sent no State response in the " + cycle.edition() + " cycle (up to " + cycle.cutoff()
                + ") on " + ids.size() + " recommendation" + (ids.size() == 1 ? "" : "s")
                + " it should implement or consider: " + String.join(", ", ids),
            ids, submissionId));
    }

    /**
     * The recommendations an open OVERDUE alert still lists after an accepted State response on
     * {@code recommendationId} submitted at {@code submittedAt}, in paragraph order; empty (nothing changes) if the
     * response does not concern the alert: another recommendation, or submitted before the cycle's window.
     */
    public static Optional<List<Recommendation>> remainingAfter(final Alert open, final ReportingCycle cycle,
                                                                final String recommendationId,
                                                                final Instant submittedAt,
                                                                final ReferenceData reference) {
        if (!open.getDetails().contains(recommendationId) || !cycle.isNotBeforeWindow(submittedAt)) {
            return Optional.empty();
        }
        final List<Recommendation> remaining = new ArrayList<>();
        for (final String id : open.getDetails()) {
            if (!id.equals(recommendationId)) {
                // A recommendation withdrawn from the reference data is no longer owed.
                reference.recommendation(id).ifPresent(remaining::add);
            }
        }
        remaining.sort(PARAGRAPH_ORDER);
        return Optional.of(remaining);
    }

    public static String resolution() {
        return "every missing recommendation has since had a State response";
    }

    static Instant startOfDay(final LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
