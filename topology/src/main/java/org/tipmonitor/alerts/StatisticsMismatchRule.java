package org.tipmonitor.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.StatisticsCheck;
import org.tipmonitor.avro.StatisticsMismatch;
import org.tipmonitor.statistics.GlotipVocabulary;

/**
 * STATISTICS_MISMATCH (INFO, LOW): among a State's latest statistics of one indicator and year, a total the State
 * gave itself is contradicted by a complete breakdown it also gave (by sex, age, form or citizenship). The feed
 * publishes the State's own total (issue 11: its total wins); the alert says the figures disagree, so that the
 * State can be asked which is right. One alert per contradicted total; it resolves when a correction makes the
 * total and its breakdowns agree.
 */
public final class StatisticsMismatchRule {

    private StatisticsMismatchRule() {
    }

    /** The alerts that should be open for the checked indicator and year, by alert id (none: every one resolves). */
    public static Map<String, AlertDraft> evaluate(final Country country, final StatisticsCheck check) {
        final Map<String, List<StatisticsMismatch>> byTotal = new LinkedHashMap<>();
        for (final StatisticsMismatch mismatch : check.getMismatches()) {
            byTotal.computeIfAbsent(AlertIds.statisticsMismatch(check.getCountry(), check.getIndicator(),
                check.getYear(), mismatch.getSex(), mismatch.getAge(), mismatch.getForm()),
                id -> new ArrayList<>()).add(mismatch);
        }
        final Map<String, AlertDraft> drafts = new LinkedHashMap<>();
        byTotal.forEach((alertId, mismatches) -> drafts.put(alertId, draft(alertId, country, check, mismatches)));
        return drafts;
    }

    public static String resolution() {
        return "corrected: the State's total now agrees with each of its breakdowns";
    }

    private static AlertDraft draft(final String alertId, final Country country, final StatisticsCheck check,
                                    final List<StatisticsMismatch> mismatches) {
        final StatisticsMismatch first = mismatches.get(0);
        final StringBuilder sums = new StringBuilder();
        final List<String> details = new ArrayList<>(List.of(
            "indicator: " + check.getIndicator(),
            "year: " + check.getYear(),
            "sex: " + first.getSex(),
            "age: " + first.getAge(),
            "form: " + (first.getForm() == null ? "none" : first.getForm()),
            "stated: " + first.getStated()));
        for (final StatisticsMismatch mismatch : mismatches) {
            final boolean firstSum = sums.isEmpty();
            sums.append(firstSum ? "its breakdown by " : " and by ").append(mismatch.getDimension())
                .append(firstSum ? " adds up to " : " to ").append(mismatch.getSumOfParts());
            details.add("sumOfPartsBy" + capitalised(mismatch.getDimension()) + ": " + mismatch.getSumOfParts());
        }
        final String reason = AlertTexts.country(country, check.getCountry()) + " gives " + first.getStated()
            + " as its total of " + indicator(check.getIndicator())
            + " in " + check.getYear() + " (" + where(first) + "), but " + sums + ".";
        return new AlertDraft(alertId, AlertKind.STATISTICS_MISMATCH, AlertSeverity.LOW, AlertCategory.INFO,
            ReporterType.STATE, check.getCountry(), AlertTexts.region(country), null, null, reason, details,
            check.getSubmissionId());
    }

    /** {@code detected trafficking victims}; never throws, whatever symbol a signal carries. */
    private static String indicator(final StatisticIndicator indicator) {
        return indicator == StatisticIndicator.UNKNOWN ? "an unknown indicator"
            : GlotipVocabulary.indicator(indicator).toLowerCase(Locale.ROOT);
    }

    /** {@code sex Total, age Child, form Total}, in the feed's words. */
    private static String where(final StatisticsMismatch mismatch) {
        return "sex " + GlotipVocabulary.sex(mismatch.getSex()) + ", age " + GlotipVocabulary.age(mismatch.getAge())
            + (mismatch.getForm() == null ? "" : ", form " + GlotipVocabulary.form(mismatch.getForm()));
    }

    private static String capitalised(final String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
