package org.tipmonitor.alerts;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.Topics;

/**
 * The gap alerts of para 37. Each input the rules read is wrapped in the one envelope the engine reads
 * ({@link AlertSignal}) and repartitioned into a single partition where it is made, in its own sub-topology: the
 * accepted cells in the acceptance sub-topology, the latest cells in the cell-store sub-topology, the row changes
 * in their tables' sub-topologies, the statistics checks in the statistics sub-topology (STATISTICS_MISMATCH). The
 * alert engine's own sub-topology reads the five repartitions: NOT_REPORTED and
 * STALE must look at every State party at a cut-off, including those that never reported (a partitioned punctuator
 * would see only its own partition's keys), and the volume is small (about two hundred States times a few dozen
 * recommendations). Merging the inputs before repartitioning them would tie the compliance sub-topologies into one.
 *
 * <p>The engine publishes each open, change, supersede and resolve of an alert to tip.alerts and keeps the queryable
 * {@code alerts} store. NOT_REPORTED and STALE are judged at the cut-offs of the application's one reporting calendar,
 * the one the cycle snapshots are taken at.
 */
public final class GapAlerts {

    private GapAlerts() {
    }

    /** Adds the alert part to the builder; returns the alert events (key: alertId). */
    public static KStream<String, Alert> wire(final StreamsBuilder builder, final AlertInputs inputs,
                                              final AlertConfig config, final CycleCalendar calendar,
                                              final TipSerdes serdes) {
        final KStream<String, AlertSignal> accepted = inputs.acceptedCells()
            .filter((key, cell) -> cell.getReporterType() == ReporterType.STATE, Named.as("alert-accepted-state"))
            .mapValues(AlertSignals::acceptedCell, Named.as("alert-signal-accepted-cell"))
            .repartition(Repartitions.ALERT_SIGNALS_ACCEPTED_CELLS.repartitioned(serdes));
        final KStream<String, AlertSignal> latest = inputs.latestCells()
            .filter((key, cell) -> AlertSignals.isTracked(cell.getReporterType()), Named.as("alert-latest-tracked"))
            .mapValues(AlertSignals::latestCell, Named.as("alert-signal-latest-cell"))
            .repartition(Repartitions.ALERT_SIGNALS_LATEST_CELLS.repartitioned(serdes));
        final KStream<String, AlertSignal> recommendationRows = inputs.recommendationRows()
            .filter((key, row) -> AlertSignals.isStateRow(key), Named.as("alert-state-recommendation-rows"))
            .mapValues(AlertSignals::recommendationRow, Named.as("alert-signal-recommendation-row"))
            .repartition(Repartitions.ALERT_SIGNALS_RECOMMENDATION_ROWS.repartitioned(serdes));
        final KStream<String, AlertSignal> countryRows = inputs.countryRows()
            .filter((key, row) -> AlertSignals.isStateRow(key), Named.as("alert-state-country-rows"))
            .mapValues(AlertSignals::countryRow, Named.as("alert-signal-country-row"))
            .repartition(Repartitions.ALERT_SIGNALS_COUNTRY_ROWS.repartitioned(serdes));

        final KStream<String, AlertSignal> statisticsChecks = inputs.statisticsChecks()
            .mapValues(AlertSignals::statisticsCheck, Named.as("alert-signal-statistics-check"))
            .repartition(Repartitions.ALERT_SIGNALS_STATISTICS_CHECKS.repartitioned(serdes));

        final KStream<String, Alert> alerts = accepted
            .merge(latest, Named.as("alert-signals-merge-latest"))
            .merge(recommendationRows, Named.as("alert-signals-merge-recommendation-rows"))
            .merge(countryRows, Named.as("alert-signals-merge-country-rows"))
            .merge(statisticsChecks, Named.as("alert-signals-merge-statistics-checks"))
            .process(AlertEngineProcessor.supplier(config, calendar, serdes), Named.as("alert-engine"));
        alerts.to(Topics.ALERTS.name(), Topics.ALERTS.produced(serdes, "alerts-sink"));
        return alerts;
    }
}
