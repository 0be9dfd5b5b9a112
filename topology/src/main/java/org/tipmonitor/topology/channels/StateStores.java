package org.tipmonitor.topology.channels;

import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.TrackedCell;

/** Every state store of the topology; the queryable ones are the HTTP API's data. */
public final class StateStores {

    // Reference data: global, in memory, on every instance.

    /** Recommendation id to Recommendation. */
    public static final Store.Global<Recommendation> RECOMMENDATIONS =
        new Store.Global<>("reference-recommendations", Topics.RECOMMENDATIONS);
    /** ISO3 to Country. */
    public static final Store.Global<Country> COUNTRIES = new Store.Global<>("reference-countries", Topics.COUNTRIES);

    // Compliance.

    /** Reporter and submissionId ({@code SubmissionKey}) to the digest of the first submission seen with them. */
    public static final Store.KeyValue<String> SUBMISSION_FINGERPRINTS =
        new Store.KeyValue<>("submission-fingerprints", ValueFormat.string());
    /** Cell key to Cell, with its history, for "as of" answers. */
    public static final Store.Versioned<Cell> CELLS = new Store.Versioned<>("cells", ValueFormat.avro(Cell.class));
    /** Cell key to CellFootprint: the latest status of every cell and the rows it counts in. */
    public static final Store.KeyValue<CellFootprint> CELL_INDEX =
        new Store.KeyValue<>("cell-index", ValueFormat.avro(CellFootprint.class));
    /** TYPE|RECOMMENDATION to ComplianceRow. */
    public static final Store.KeyValue<ComplianceRow> COMPLIANCE_BY_RECOMMENDATION =
        new Store.KeyValue<>("compliance-by-recommendation", ValueFormat.avro(ComplianceRow.class));
    /** TYPE|ISO3 to ComplianceRow. */
    public static final Store.KeyValue<ComplianceRow> COMPLIANCE_BY_COUNTRY =
        new Store.KeyValue<>("compliance-by-country", ValueFormat.avro(ComplianceRow.class));
    /** TYPE|M49 to ComplianceRow (regions and sub-regions; M49 codes do not collide). */
    public static final Store.KeyValue<ComplianceRow> COMPLIANCE_BY_REGION =
        new Store.KeyValue<>("compliance-by-region", ValueFormat.avro(ComplianceRow.class));
    /** TYPE|THEME to ComplianceRow. */
    public static final Store.KeyValue<ComplianceRow> COMPLIANCE_BY_THEME =
        new Store.KeyValue<>("compliance-by-theme", ValueFormat.avro(ComplianceRow.class));

    /**
     * Row key to the deltas of that row combined since the last flush, one buffer per table, next to
     * apply-cell-updates: a bulk load sends one delta per row and flush, not one per cell.
     */
    public static final Store.Buffer<ComplianceDelta> PENDING_RECOMMENDATION_DELTAS =
        new Store.Buffer<>("pending-recommendation-deltas", ValueFormat.avro(ComplianceDelta.class));
    public static final Store.Buffer<ComplianceDelta> PENDING_COUNTRY_DELTAS =
        new Store.Buffer<>("pending-country-deltas", ValueFormat.avro(ComplianceDelta.class));
    public static final Store.Buffer<ComplianceDelta> PENDING_REGION_DELTAS =
        new Store.Buffer<>("pending-region-deltas", ValueFormat.avro(ComplianceDelta.class));
    public static final Store.Buffer<ComplianceDelta> PENDING_THEME_DELTAS =
        new Store.Buffer<>("pending-theme-deltas", ValueFormat.avro(ComplianceDelta.class));

    // Alerts: all in the alert engine's one single-partition task, so one instance holds them all.

    /** Queryable: alertId to Alert, open and resolved (the latest state of each alert id). */
    public static final Store.KeyValue<Alert> ALERTS = new Store.KeyValue<>("alerts", ValueFormat.avro(Alert.class));
    /** Cell key to TrackedCell: latest STATE, CIVIL_SOCIETY and NHRI status per cell. */
    public static final Store.KeyValue<TrackedCell> ALERT_CELLS =
        new Store.KeyValue<>("alert-cells", ValueFormat.avro(TrackedCell.class));
    /**
     * {@code STATE cell key|submittedAt (19 digits)|submissionId} to the status of that accepted State version: a
     * prefix scan lists a cell's versions in date order, whatever order they arrived in (REGRESSION).
     */
    public static final Store.KeyValue<String> ALERT_STATE_VERSIONS =
        new Store.KeyValue<>("alert-state-versions", ValueFormat.string());
    /** {@code ISO3|EDITION|RECOMMENDATION} to the first submissionId that answered it in that cycle (State only). */
    public static final Store.KeyValue<String> ALERT_CYCLE_RESPONSES =
        new Store.KeyValue<>("alert-cycle-responses", ValueFormat.string());
    /** ISO3 to the State row of the by-country table (for STALE). */
    public static final Store.KeyValue<ComplianceRow> ALERT_COUNTRY_ROWS =
        new Store.KeyValue<>("alert-country-rows", ValueFormat.avro(ComplianceRow.class));
    /** The last cut-off evaluated, in epoch milliseconds, so that each cut-off is evaluated once. */
    public static final Store.KeyValue<Long> ALERT_CUTOFFS =
        new Store.KeyValue<>("alert-cutoffs", ValueFormat.epochMillis());

    // Reporting cycles.

    /** Per cell task: edition to the cut-off (epoch ms) of the snapshot share it has taken. */
    public static final Store.KeyValue<Long> CYCLE_SNAPSHOTS_TAKEN =
        new Store.KeyValue<>("cycle-snapshots-taken", ValueFormat.epochMillis());
    /** edition|cellKey|submittedAt to the cell versions of each edition's snapshot. */
    public static final Store.KeyValue<Cell> CYCLE_SNAPSHOT_CELLS =
        new Store.KeyValue<>("cycle-snapshot-cells", ValueFormat.avro(Cell.class));
    /** Row key (edition|iso3|indicator|category) to the implementation row last emitted; queryable. */
    public static final Store.KeyValue<GlotipRow> CYCLE_GLOTIP_ROWS =
        new Store.KeyValue<>("cycle-glotip-rows", ValueFormat.avro(GlotipRow.class));

    // National statistics and the Global Report feed.

    /** Queryable: ISO3|cell|submittedAt|submissionId to every version of every national statistics cell. */
    public static final Store.KeyValue<StatisticCell> STATISTIC_VERSIONS =
        new Store.KeyValue<>("statistic-versions", ValueFormat.avro(StatisticCell.class));
    /** Global Report row key to the row last published on tip.report.glotip (the diff base). */
    public static final Store.KeyValue<GlotipRow> STATISTICS_PUBLISHED_ROWS =
        new Store.KeyValue<>("statistics-published-rows", ValueFormat.avro(GlotipRow.class));
    /** Per task: edition to the cut-off (epoch ms) at which its Global Report rows were published. */
    public static final Store.KeyValue<Long> STATISTICS_EDITIONS_PUBLISHED =
        new Store.KeyValue<>("statistics-editions-published", ValueFormat.epochMillis());

    /**
     * ISO3 to the earliest submittedAt (epoch ms) of the versions of a State not yet republished in the editions
     * already published: the publisher recomputes a State once per flush, not once per figure.
     */
    public static final Store.KeyValue<Long> STATISTICS_PENDING =
        new Store.KeyValue<>("statistics-pending", ValueFormat.epochMillis());

    /**
     * ISO3|indicator|year to the last statistic that changed that group and is not yet checked for totals its
     * breakdowns contradict: the check runs once per flush, after a whole submission is in, not once per figure.
     */
    public static final Store.KeyValue<StatisticCell> STATISTICS_CHECKS_PENDING =
        new Store.KeyValue<>("statistics-checks-pending", ValueFormat.avro(StatisticCell.class));

    /** Every store, global ones first (WrittenTopicsTest fails when a store of the topology is missing here). */
    public static final List<Store<?>> ALL = List.of(RECOMMENDATIONS, COUNTRIES,
        SUBMISSION_FINGERPRINTS, CELLS, CELL_INDEX, COMPLIANCE_BY_RECOMMENDATION,
        COMPLIANCE_BY_COUNTRY, COMPLIANCE_BY_REGION, COMPLIANCE_BY_THEME, PENDING_RECOMMENDATION_DELTAS,
        PENDING_COUNTRY_DELTAS, PENDING_REGION_DELTAS, PENDING_THEME_DELTAS, ALERTS,
        ALERT_CELLS, ALERT_CYCLE_RESPONSES, ALERT_COUNTRY_ROWS, ALERT_CUTOFFS, ALERT_STATE_VERSIONS,
        CYCLE_SNAPSHOTS_TAKEN, CYCLE_SNAPSHOT_CELLS, CYCLE_GLOTIP_ROWS, STATISTIC_VERSIONS,
        STATISTICS_PUBLISHED_ROWS, STATISTICS_EDITIONS_PUBLISHED, STATISTICS_PENDING, STATISTICS_CHECKS_PENDING);

    /** The store of this name, if the topology has one. */
    public static Optional<Store<?>> named(final String name) {
        return ALL.stream().filter(store -> store.name().equals(name)).findFirst();
    }

    /**
     * The store of this name, which a processor of the topology uses.
     *
     * @throws IllegalStateException if it is not declared here
     */
    public static Store<?> declared(final String name) {
        return named(name).orElseThrow(() ->
            new IllegalStateException("Store " + name + " is not declared in StateStores"));
    }

    /** The changelog topic Streams gives a store of the application. */
    public static String changelogTopic(final String applicationId, final String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    private StateStores() {
    }
}
