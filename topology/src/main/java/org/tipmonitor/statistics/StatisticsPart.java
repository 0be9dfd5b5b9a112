package org.tipmonitor.statistics;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.Topics;

/**
 * The statistics part of the topology: the national statistics of accepted submissions, kept with every version,
 * and the Global Report feed (para 44) published from them when an edition's cut-off passes. Its own
 * sub-topology: the repartition by State is its only input, the feed its only output.
 *
 * <pre>
 * accept-submissions ─ accepted statistics (key: ISO3) ─ repartition statistics-by-country
 *   ─ publish-statistics (stores statistic-versions, statistics-published-rows, statistics-editions-published;
 *     punctuates) ─ statistics-glotip-sink (tip.report.glotip)
 * </pre>
 */
public final class StatisticsPart {

    private StatisticsPart() {
    }

    /**
     * Adds the statistics part; returns the Global Report rows (key: {@link GlotipStatistics#key}; null value: the
     * row was withdrawn).
     *
     * @param acceptedStatistics accepted statistics cells keyed by ISO3 and timestamped with submittedAt
     */
    public static KStream<String, GlotipRow> wire(final KStream<String, StatisticCell> acceptedStatistics,
                                                  final CycleCalendar calendar, final StatisticsConfig config,
                                                  final TipSerdes serdes) {
        final KStream<String, GlotipRow> rows = acceptedStatistics
            .repartition(Repartitions.STATISTICS_BY_COUNTRY.repartitioned(serdes))
            .process(PublishStatisticsProcessor.supplier(calendar, config, serdes), Named.as("publish-statistics"));
        rows.to(Topics.REPORT_GLOTIP.name(), Topics.REPORT_GLOTIP.produced(serdes, "statistics-glotip-sink"));
        return rows;
    }
}
