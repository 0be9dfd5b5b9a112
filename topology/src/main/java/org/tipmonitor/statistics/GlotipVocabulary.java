package org.tipmonitor.statistics;

import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.cycles.ExploitationForms;

/** The words of UNODC's Global Report data for the contract's statistics vocabulary. */
public final class GlotipVocabulary {

    public static final String TOTAL = "Total";
    public static final String BY_FORM = "by form of exploitation";
    public static final String COUNTS = "Counts";

    private GlotipVocabulary() {
    }

    /** The Indicator column. The switches have no default branch: a new symbol does not compile unnamed. */
    public static String indicator(final StatisticIndicator indicator) {
        return switch (indicator) {
            case VICTIMS_DETECTED -> "Detected trafficking victims";
            case PERSONS_INVESTIGATED -> "Persons brought into formal contact";
            case PERSONS_PROSECUTED -> "Persons prosecuted";
            case PERSONS_CONVICTED -> "Persons convicted";
            case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN is rejected by validation");
        };
    }

    /** The Category of a form on a "by form of exploitation" row. */
    public static String form(final StatisticForm form) {
        return switch (form) {
            case TOTAL -> TOTAL;
            case SEXUAL_EXPLOITATION -> "Sexual exploitation";
            case FORCED_LABOUR -> "Forced labour";
            case REMOVAL_OF_ORGANS -> "Removal of organs";
            case OTHER -> "Other forms of exploitation";
            case UNKNOWN -> "Unknown";
            default -> ExploitationForms.label(ExploitationForm.valueOf(form.name()));
        };
    }

    public static String sex(final Sex sex) {
        return switch (sex) {
            case TOTAL -> TOTAL;
            case FEMALE -> "Female";
            case MALE -> "Male";
            case UNKNOWN -> "Unknown";
        };
    }

    public static String age(final AgeGroup age) {
        return switch (age) {
            case TOTAL -> TOTAL;
            case ADULT -> "Adult";
            case CHILD -> "Child";
            case UNKNOWN -> "Unknown";
        };
    }

    /** The Source column of a row built from these submissions (sorted, at least one). */
    public static String source(final java.util.SortedSet<String> submissionIds) {
        return "National authorities (tip-monitor submission" + (submissionIds.size() == 1 ? " " : "s ")
            + String.join(", ", submissionIds) + ")";
    }
}
