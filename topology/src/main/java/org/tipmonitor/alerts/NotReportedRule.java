package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.ArrayList;
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
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;

/**
 * NOT_REPORTED (GAP): at the latest judged cut-off, a State party (a party when the cycle began, see
 * {@link Expectations#isStateParty}) that sent no State response in the cycle on some recommendation addressed to
 * States. One alert per State party and cycle lists the missing paragraphs in its details; MEDIUM if any of them is
 * worded SHOULD, else LOW. At most one is open per State: judging the next cut-off supersedes it.
 *
 * <p>A response for the cycle's own window cannot normally arrive after the cut-off, so the alert is resolved by
 * catching up: each missing recommendation is struck off when an accepted State response on it arrives with a
 * submittedAt in the cycle's window or later, and the alert resolves when none is left.
 */
public final class NotReportedRule {

    /** The prefix of a details entry naming a missing recommendation: {@code missing: 2013.10}. */
    static final String MISSING = "missing: ";

    private NotReportedRule() {
    }

    /** Whether a State must answer the recommendation in the cycle: addressed to States, adopted before the cut-off. */
    public static boolean isRequired(final Recommendation recommendation, final Cycle cycle) {
        return Addressing.isStateAddressed(recommendation)
            && Expectations.startOfDay(recommendation.getSession().getEndDate()).isBefore(cycle.cutoff());
    }

    /** The recommendations every expected State must answer in the cycle, in paragraph order. */
    public static List<Recommendation> required(final ReferenceData reference, final Cycle cycle) {
        return reference.recommendations().stream()
            .filter(recommendation -> isRequired(recommendation, cycle))
            .sorted(AlertTexts.PARAGRAPH_ORDER)
            .collect(Collectors.toList());
    }

    /** Whether the entity owes a report in the cycle: a State party already when the cycle began. */
    public static boolean expectedToReport(final Country country, final Cycle cycle) {
        return Expectations.isStateParty(country, cycle.begins());
    }

    /** The alert of a State that did not answer {@code missing} (in paragraph order) in the cycle. */
    public static Optional<AlertDraft> draft(final Country country, final String iso3, final Cycle cycle,
                                             final List<Recommendation> missing, final String submissionId) {
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        final boolean anyShould = missing.stream().anyMatch(r -> r.getForce() == Force.SHOULD);
        final Recommendation first = missing.get(0);
        final String what = missing.size() == 1 ? AlertTexts.paragraph(first, first.getId())
            : missing.size() + " recommendations addressed to it, from " + AlertTexts.paragraph(first, first.getId());
        final String reason = AlertTexts.country(country, iso3) + " sent no report in the " + cycle.edition()
            + " cycle (cut-off " + AlertTexts.day(cycle.cutoff()) + ") on " + what + ".";
        final List<String> details = new ArrayList<>();
        for (final Recommendation recommendation : missing) {
            details.add(MISSING + recommendation.getId());
        }
        return Optional.of(new AlertDraft(AlertIds.notReported(iso3, cycle.edition()), AlertKind.NOT_REPORTED,
            anyShould ? AlertSeverity.MEDIUM : AlertSeverity.LOW, AlertCategory.GAP, ReporterType.STATE, iso3,
            AlertTexts.region(country), null, AlertIds.cycle(cycle), reason, details, submissionId));
    }

    /** The ids of the recommendations an alert of this kind lists as missing. */
    static List<String> missingIds(final Alert alert) {
        final List<String> ids = new ArrayList<>();
        for (final String detail : alert.getDetails()) {
            if (detail.startsWith(MISSING)) {
                ids.add(detail.substring(MISSING.length()));
            }
        }
        return ids;
    }

    /**
     * The recommendations an open NOT_REPORTED alert still lists after an accepted State response on
     * {@code recommendationId} submitted at {@code submittedAt}, in paragraph order; empty (nothing changes) if the
     * response does not concern the alert: another recommendation, or submitted before the cycle's window.
     */
    public static Optional<List<Recommendation>> remainingAfter(final Alert open, final CycleCalendar calendar,
                                                                final Cycle cycle, final String recommendationId,
                                                                final Instant submittedAt,
                                                                final ReferenceData reference) {
        final List<String> missing = missingIds(open);
        if (!missing.contains(recommendationId) || !calendar.isInOrAfter(cycle, submittedAt)) {
            return Optional.empty();
        }
        final List<Recommendation> remaining = new ArrayList<>();
        for (final String id : missing) {
            if (!id.equals(recommendationId)) {
                // A recommendation withdrawn from the reference data is no longer owed.
                reference.recommendation(id).ifPresent(remaining::add);
            }
        }
        remaining.sort(AlertTexts.PARAGRAPH_ORDER);
        return Optional.of(remaining);
    }

    public static String resolution() {
        return "every missing recommendation has since had a State response";
    }

    /** Why an open alert of an earlier cycle is closed when {@code judged} is. */
    public static String supersededBy(final Cycle judged) {
        return "superseded: the " + judged.edition() + " cut-off (" + AlertTexts.day(judged.cutoff())
            + ") has been judged";
    }
}
