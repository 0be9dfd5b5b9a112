package org.tipmonitor.topology.channels;

import java.util.Optional;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Dimension;

/**
 * The four compliance tables, each with its topic, its store, the buffer where its deltas are combined per row and
 * the repartition that brings them together. The per-country table has none: its rows live in the task that holds
 * the country's cells ({@link Placement#BY_COUNTRY}), so its deltas are applied where they are made.
 * Five dimensions make four tables: regions and sub-regions share one table (M49 codes do not collide), and
 * {@link #of(Dimension)} is the one place that says so.
 */
public enum ComplianceTable {
    RECOMMENDATION("recommendation", Topics.COMPLIANCE_BY_RECOMMENDATION, StateStores.COMPLIANCE_BY_RECOMMENDATION,
        StateStores.PENDING_RECOMMENDATION_DELTAS, Optional.of(Repartitions.COMPLIANCE_BY_RECOMMENDATION_DELTAS)),
    COUNTRY("country", Topics.COMPLIANCE_BY_COUNTRY, StateStores.COMPLIANCE_BY_COUNTRY,
        StateStores.PENDING_COUNTRY_DELTAS, Optional.empty()),
    REGION("region", Topics.COMPLIANCE_BY_REGION, StateStores.COMPLIANCE_BY_REGION,
        StateStores.PENDING_REGION_DELTAS, Optional.of(Repartitions.COMPLIANCE_BY_REGION_DELTAS)),
    THEME("theme", Topics.COMPLIANCE_BY_THEME, StateStores.COMPLIANCE_BY_THEME,
        StateStores.PENDING_THEME_DELTAS, Optional.of(Repartitions.COMPLIANCE_BY_THEME_DELTAS));

    private final String label;
    private final Topic<ComplianceRow> topic;
    private final Store.KeyValue<ComplianceRow> store;
    private final Store.Buffer<ComplianceDelta> pending;
    private final Optional<Repartition<ComplianceDelta>> deltas;

    ComplianceTable(final String label, final Topic<ComplianceRow> topic, final Store.KeyValue<ComplianceRow> store,
                    final Store.Buffer<ComplianceDelta> pending,
                    final Optional<Repartition<ComplianceDelta>> deltas) {
        this.label = label;
        this.topic = topic;
        this.store = store;
        this.pending = pending;
        this.deltas = deltas;
    }

    /** The table that holds the rows of a dimension. */
    public static ComplianceTable of(final Dimension dimension) {
        switch (dimension) {
            case RECOMMENDATION:
                return RECOMMENDATION;
            case COUNTRY:
                return COUNTRY;
            case REGION:
            case SUBREGION:
                return REGION;
            case THEME:
                return THEME;
            default:
                throw new IllegalArgumentException("no table for " + dimension);
        }
    }

    /** Whether the table holds the rows of a dimension. */
    public boolean holds(final Dimension dimension) {
        return of(dimension) == this;
    }

    /** The table's name in the API ({@code /api/v1/tables/country}) and in processor names ({@code by-country}). */
    public String label() {
        return label;
    }

    public Topic<ComplianceRow> topic() {
        return topic;
    }

    public Store.KeyValue<ComplianceRow> store() {
        return store;
    }

    /** The buffer where the table's deltas are combined per row before they reach the rows. */
    public Store.Buffer<ComplianceDelta> pending() {
        return pending;
    }

    /** The repartition that brings a row's deltas together, or empty when the rows live with the cells. */
    public Optional<Repartition<ComplianceDelta>> deltas() {
        return deltas;
    }
}
