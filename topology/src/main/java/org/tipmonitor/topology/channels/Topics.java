package org.tipmonitor.topology.channels;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Submission;

/**
 * Every Kafka topic tip-monitor reads or writes. The names belong to the contract with producers and dashboards.
 * Reference data, latest-state tables and alerts are compacted (a reader rebuilding a table wants the latest value
 * per key, not the history); submissions and rejections are event logs.
 */
public final class Topics {

    /** Rejections are the audit trail of what States sent and why it was refused; kept a year. */
    public static final Duration REJECTED_RETENTION = Duration.ofDays(365);

    /** Implementation submissions from States (focal points), keyed by submission id. */
    public static final Topic<Submission> SUBMISSIONS =
        Topic.log("tip.submissions", ValueFormat.avro(Submission.class));
    /** Reference data: the Working Group recommendations (paras 5-48), by id. */
    public static final Topic<Recommendation> RECOMMENDATIONS =
        Topic.table("tip.recommendations", ValueFormat.avro(Recommendation.class));
    /** Reference data: States and other entities by ISO 3166-1 alpha-3. */
    public static final Topic<Country> COUNTRIES = Topic.table("tip.countries", ValueFormat.avro(Country.class));
    /** Latest status per (reporter type, country, recommendation) cell. */
    public static final Topic<Cell> CELLS = Topic.table("tip.cells", ValueFormat.avro(Cell.class));
    /** Aggregated compliance per recommendation. */
    public static final Topic<ComplianceRow> COMPLIANCE_BY_RECOMMENDATION =
        Topic.table("tip.compliance.by-recommendation", ValueFormat.avro(ComplianceRow.class));
    /** Aggregated compliance per country. */
    public static final Topic<ComplianceRow> COMPLIANCE_BY_COUNTRY =
        Topic.table("tip.compliance.by-country", ValueFormat.avro(ComplianceRow.class));
    /** Aggregated compliance per UN M49 region and sub-region. */
    public static final Topic<ComplianceRow> COMPLIANCE_BY_REGION =
        Topic.table("tip.compliance.by-region", ValueFormat.avro(ComplianceRow.class));
    /** Aggregated compliance per thematic section. */
    public static final Topic<ComplianceRow> COMPLIANCE_BY_THEME =
        Topic.table("tip.compliance.by-theme", ValueFormat.avro(ComplianceRow.class));
    /** Submissions (or responses) that were refused, with the reason; also the Streams dead-letter topic. */
    public static final Topic<Rejection> REJECTED = new Topic<>("tip.submissions.rejected",
        ValueFormat.avro(Rejection.class), Topic.Cleanup.DELETE, Optional.of(REJECTED_RETENTION));
    /** Gap and overdue alerts, by alert id, so that a resolved alert replaces the open one. */
    public static final Topic<Alert> ALERTS = Topic.table("tip.alerts", ValueFormat.avro(Alert.class));
    /**
     * The Global Report on Trafficking in Persons feed (para 44): one row per State, indicator, data year,
     * dimension, category, sex and age, from the national statistics States submit, by row key.
     */
    public static final Topic<GlotipRow> REPORT_GLOTIP =
        Topic.table("tip.report.glotip", ValueFormat.avro(GlotipRow.class));
    /** tip-monitor's own implementation indicators per reporting cycle, in the same long format, by row key. */
    public static final Topic<GlotipRow> REPORT_IMPLEMENTATION =
        Topic.table("tip.report.implementation", ValueFormat.avro(GlotipRow.class));

    /** Every topic, in a stable order. */
    public static final List<Topic<?>> ALL = List.of(SUBMISSIONS, RECOMMENDATIONS, COUNTRIES, CELLS,
        COMPLIANCE_BY_RECOMMENDATION, COMPLIANCE_BY_COUNTRY, COMPLIANCE_BY_REGION, COMPLIANCE_BY_THEME, REJECTED,
        ALERTS, REPORT_GLOTIP, REPORT_IMPLEMENTATION);

    private Topics() {
    }

    /** The topic of this name, if it is one of tip-monitor's. */
    public static Optional<Topic<?>> named(final String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }
}
