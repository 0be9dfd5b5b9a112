package org.tipmonitor.compliance;

/**
 * Names of every Kafka topic the tip-monitor system reads or writes.
 *
 * <p>The names belong to the domain (they are part of the contract with producers and
 * dashboards), so they live here rather than next to the broker plumbing.
 */
public final class TopicNames {

    /** Implementation submissions from States (focal points), keyed by submission id. */
    public static final String SUBMISSIONS = "tip.submissions";
    /** Reference data: the Working Group recommendations (paras 5-48), compacted by id. */
    public static final String RECOMMENDATIONS = "tip.recommendations";
    /** Reference data: States and other entities keyed by ISO 3166-1 alpha-3, compacted. */
    public static final String COUNTRIES = "tip.countries";
    /** Latest status per (country, recommendation) cell, compacted. */
    public static final String CELLS = "tip.cells";
    /** Aggregated compliance per recommendation, compacted. */
    public static final String COMPLIANCE_BY_RECOMMENDATION = "tip.compliance.by-recommendation";
    /** Aggregated compliance per country, compacted. */
    public static final String COMPLIANCE_BY_COUNTRY = "tip.compliance.by-country";
    /** Aggregated compliance per UN M49 region, compacted. */
    public static final String COMPLIANCE_BY_REGION = "tip.compliance.by-region";
    /** Aggregated compliance per thematic section, compacted. */
    public static final String COMPLIANCE_BY_THEME = "tip.compliance.by-theme";
    /** Submissions that failed validation, with the reason; kept long for audit. */
    public static final String REJECTED = "tip.submissions.rejected";
    /** Gap and overdue alerts, compacted by alert key so a resolved alert replaces the open one. */
    public static final String ALERTS = "tip.alerts";
    /** GLOTIP (Global Report on Trafficking in Persons) rows, compacted by row key. */
    public static final String REPORT_GLOTIP = "tip.report.glotip";

    private TopicNames() {
    }
}
