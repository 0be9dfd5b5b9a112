package org.tipmonitor.statistics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.SubmissionValidator.RejectedResponse;

/**
 * Checks the national statistics of a (screened, de-duplicated) submission. Only a State reports its own
 * statistics: statistics from any other reporter (civil society, an NHRI, UNODC, or the European Union reporting as
 * a party) are refused together, with one rejection of their own reason.
 * Otherwise each statistic is checked on its own: valid ones become statistics cells (citizenship upper-cased)
 * and apply even when others of the same submission are invalid; each invalid one yields one rejection.
 *
 * <p>Rules: the indicator is known; the year is from {@value #FIRST_YEAR} and not after the current year (UTC);
 * the count is at least 0; victims have a form (TOTAL for all forms), offender indicators have none; a citizenship
 * is a known ISO3 code; a cell appears once per submission (the first stands).
 */
public final class StatisticsValidator {

    /** The first data year accepted: UNODC's series start in the 2000s, when the Protocol was adopted. */
    public static final int FIRST_YEAR = 2000;

    /** The entities whose figures are national statistics. */
    private static final Set<EntityType> STATES = Set.of(EntityType.UN_MEMBER_STATE, EntityType.OBSERVER_STATE);

    /** One invalid statistic (or, for a reporter that is not a State, the lot), with why. */
    public record RejectedStatistic(RejectionReason reason, String message) {
    }

    /** The outcome: cells to apply and statistics rejected. */
    public record Outcome(List<StatisticCell> accepted, List<RejectedStatistic> rejected) {

        public Outcome {
            accepted = List.copyOf(accepted);
            rejected = List.copyOf(rejected);
        }
    }

    /**
     * @param submissionProblem what makes the whole submission unacceptable (in the future, unknown reporter
     *                          country), if anything: then every statistic is rejected with it
     */
    public Outcome validate(final Submission submission, final ReferenceData reference,
                            final Optional<RejectedResponse> submissionProblem, final long nowMs) {
        final List<NationalStatistic> statistics = submission.getStatistics();
        final List<StatisticCell> accepted = new ArrayList<>();
        final List<RejectedStatistic> rejected = new ArrayList<>();
        if (statistics.isEmpty()) {
            return new Outcome(accepted, rejected);
        }
        final ReporterType type = submission.getReporter().getType();
        final String reporter = submission.getReporter().getCountry();
        if (type != ReporterType.STATE) {
            rejected.add(new RejectedStatistic(RejectionReason.STATISTICS_NOT_FROM_STATE, "statistics: "
                + statistics.size() + " national statistic(s) refused: only a State reports its own statistics, "
                + "not a reporter of kind " + type));
            return new Outcome(accepted, rejected);
        }
        final Optional<EntityType> entity = reference.country(reporter).map(Country::getEntityType);
        if (entity.isPresent() && !STATES.contains(entity.get())) {
            // The European Union is a party, not a State: its figures would count its member States' cases twice.
            rejected.add(new RejectedStatistic(RejectionReason.STATISTICS_NOT_FROM_STATE, "statistics: "
                + statistics.size() + " national statistic(s) refused: " + reporter + " is a " + entity.get()
                + ", not a State; the Global Report counts States' own figures"));
            return new Outcome(accepted, rejected);
        }
        final int currentYear = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).getYear();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < statistics.size(); i++) {
            final NationalStatistic statistic = normalised(statistics.get(i));
            final String name = "statistics[" + i + "] (" + StatisticKey.withinCountry(statistic) + ")";
            final Optional<RejectedStatistic> problem = submissionProblem
                .map(p -> new RejectedStatistic(p.reason(), name + ": " + p.message()))
                .or(() -> check(statistic, name, reference, currentYear))
                .or(() -> seen.add(StatisticKey.withinCountry(statistic)) ? Optional.empty()
                    : Optional.of(new RejectedStatistic(RejectionReason.DUPLICATE_STATISTIC,
                        name + ": the same cell is given more than once in the submission; the first stands")));
            if (problem.isPresent()) {
                rejected.add(problem.get());
            } else {
                accepted.add(StatisticCell.newBuilder()
                    .setCountry(submission.getReporter().getCountry())
                    .setStatistic(statistic)
                    .setSubmissionId(submission.getSubmissionId())
                    .setSubmittedAt(submission.getSubmittedAt())
                    .build());
            }
        }
        return new Outcome(accepted, rejected);
    }

    private static NationalStatistic normalised(final NationalStatistic statistic) {
        final String citizenship = statistic.getCitizenship();
        if (citizenship == null) {
            return statistic;
        }
        return NationalStatistic.newBuilder(statistic)
            .setCitizenship(citizenship.trim().toUpperCase(Locale.ROOT))
            .build();
    }

    private static Optional<RejectedStatistic> check(final NationalStatistic statistic, final String name,
                                                     final ReferenceData reference, final int currentYear) {
        final StatisticIndicator indicator = statistic.getIndicator();
        if (indicator == StatisticIndicator.UNKNOWN) {
            return invalid(RejectionReason.INVALID_VALUE, name + ": indicator is not a known indicator");
        }
        if (statistic.getYear() < FIRST_YEAR || statistic.getYear() > currentYear) {
            return invalid(RejectionReason.INVALID_VALUE, name + ": year " + statistic.getYear()
                + " is outside " + FIRST_YEAR + ".." + currentYear + " (the year the figure refers to)");
        }
        if (statistic.getCount() < 0) {
            return invalid(RejectionReason.INVALID_VALUE, name + ": count " + statistic.getCount()
                + " is negative");
        }
        final boolean victims = indicator == StatisticIndicator.VICTIMS_DETECTED;
        if (victims && statistic.getForm() == null) {
            return invalid(RejectionReason.REQUIRED_FIELD_MISSING,
                name + ": form is required for VICTIMS_DETECTED (TOTAL for all forms)");
        }
        if (!victims && statistic.getForm() != null) {
            return invalid(RejectionReason.INVALID_VALUE, name + ": form must be absent for " + indicator
                + " (forms of exploitation are counted for victims only)");
        }
        final String citizenship = statistic.getCitizenship();
        if (citizenship != null && reference.country(citizenship).isEmpty()) {
            return invalid(RejectionReason.UNKNOWN_COUNTRY,
                name + ": citizenship: unknown country code \"" + citizenship + "\"");
        }
        return Optional.empty();
    }

    private static Optional<RejectedStatistic> invalid(final RejectionReason reason, final String message) {
        return Optional.of(new RejectedStatistic(reason, message));
    }
}
