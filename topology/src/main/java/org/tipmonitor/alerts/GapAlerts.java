package org.tipmonitor.alerts;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.ComplianceStreams;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.Topics;

/**
 * The gap alerts of para 37. The compliance streams the rules read are wrapped in one envelope and brought through
 * one single-partition topic to one alert engine: NOT_REPORTED and STALE must look at every State party at a
 * cut-off, including those that never reported (a partitioned punctuator would see only its own partition's keys),
 * and the volume is small (about two hundred States times a few dozen recommendations). The engine publishes each
 * open, change, supersede and resolve of an alert to tip.alerts and keeps the queryable {@code alerts} store.
 * NOT_REPORTED and STALE are judged at the cut-offs of the application's one reporting calendar, the one the cycle snapshots are taken at.
 */
public final class GapAlerts {

    private GapAlerts() {
    }

    public static void wire(final StreamsBuilder builder, final ComplianceStreams compliance,
                            final AlertConfig config, final CycleCalendar calendar, final TipSerdes serdes) {
        final KStream<String, AlertSignal> accepted = compliance.acceptedCells()
            .filter((key, cell) -> cell.getReporterType() == ReporterType.STATE, Named.as("alert-accepted-state"))
            .mapValues(AlertSignals::acceptedCell, Named.as("alert-signal-accepted-cell"));
        final KStream<String, AlertSignal> latest = compliance.latestCells()
            .filter((key, cell) -> AlertSignals.isTracked(cell.getReporterType()), Named.as("alert-latest-tracked"))
            .mapValues(AlertSignals::latestCell, Named.as("alert-signal-latest-cell"));
        final KStream<String, AlertSignal> recommendationRows = compliance.byRecommendation()
            .filter((key, row) -> AlertSignals.isStateRow(key), Named.as("alert-state-recommendation-rows"))
            .mapValues(AlertSignals::recommendationRow, Named.as("alert-signal-recommendation-row"));
        final KStream<String, AlertSignal> countryRows = compliance.byCountry()
            .filter((key, row) -> AlertSignals.isStateRow(key), Named.as("alert-state-country-rows"))
            .mapValues(AlertSignals::countryRow, Named.as("alert-signal-country-row"));

        accepted
            .merge(latest, Named.as("alert-signals-merge-latest"))
            .merge(recommendationRows, Named.as("alert-signals-merge-recommendation-rows"))
            .merge(countryRows, Named.as("alert-signals-merge-country-rows"))
            .repartition(Repartitions.ALERT_SIGNALS.repartitioned(serdes))
            .process(AlertEngineProcessor.supplier(config, calendar, serdes), Named.as("alert-engine"))
            .to(Topics.ALERTS.name(), Topics.ALERTS.produced(serdes, "alerts-sink"));
    }
}
