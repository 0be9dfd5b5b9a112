package org.tipmonitor.compliance;

/** The topics of the system: its inputs, its reference data and its outputs. */
public final class TopicNames {

    /** Submissions from reporters (value: Submission). */
    public static final String SUBMISSIONS = "tip.submissions";
    /** Consolidated record of recommendations, compacted, keyed by id (value: Recommendation). */
    public static final String RECOMMENDATIONS = "tip.recommendations";
    /** Country reference data, compacted, keyed by ISO3 (value: Country). */
    public static final String COUNTRIES = "tip.countries";
    /** Latest status per cell, keyed TYPE|COUNTRY|RECOMMENDATION (value: Cell). */
    public static final String CELLS = "tip.cells";
    /** Compliance per recommendation, keyed TYPE|RECOMMENDATION (value: ComplianceRow). */
    public static final String COMPLIANCE_BY_RECOMMENDATION = "tip.compliance.by-recommendation";
    /** Compliance per country, keyed TYPE|ISO3 (value: ComplianceRow). */
    public static final String COMPLIANCE_BY_COUNTRY = "tip.compliance.by-country";
    /** Compliance per M49 region and sub-region, keyed TYPE|M49 (value: ComplianceRow). */
    public static final String COMPLIANCE_BY_REGION = "tip.compliance.by-region";
    /** Compliance per theme, keyed TYPE|THEME (value: ComplianceRow). */
    public static final String COMPLIANCE_BY_THEME = "tip.compliance.by-theme";
    /** Dead letters: records and responses not applied, with why (value: Rejection). */
    public static final String REJECTED = "tip.submissions.rejected";
    /** Gap alerts, keyed by alert id (value: Alert). */
    public static final String ALERTS = "tip.alerts";
    /** Snapshot rows of each reporting cycle for the Global Report (value: GlotipRow). */
    public static final String REPORT_GLOTIP = "tip.report.glotip";

    private TopicNames() {
    }
}
