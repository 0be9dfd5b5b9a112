package org.tipmonitor.statistics;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticsCheck;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.Repartitions;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.topology.channels.Topics;

/**
 * The statistics part of the topology: the national statistics of accepted submissions, kept with every version,
 * the Global Report feed (para 44) published from them when an edition's cut-off passes, and the checks of the
 * States' totals against their own breakdowns, which the alert part turns into STATISTICS_MISMATCH alerts. Its own
 * sub-topology: the repartition by State is its only input; the feed and the checks (handed to the alert part,
 * which repartitions them into its engine) its outputs.
 *
 * <pre>
 * accept-submissions ─ accepted statistics (key: ISO3) ─ repartition statistics-by-country
 *   ├ publish-statistics (stores statistic-versions, statistics-published-rows, statistics-editions-published;
 *   │   punctuates) ─ statistics-glotip-sink (tip.report.glotip)
 *   └ check-statistics (reads statistic-versions; store statistics-checks-pending; punctuates)
 *       ─ checks (key: ISO3|indicator|year) to the alert part
 * </pre>
 */
public final class StatisticsPart {

    /**
     * What the statistics part makes.
     *
     * @param glotipRows the Global Report rows (key: {@link GlotipStatistics#key}; null value: the row was withdrawn)
     * @param checks     each State's latest statistics of one indicator and year, checked for contradicted totals
     *                   (key: ISO3|indicator|year)
     */
    public record Outputs(KStream<String, GlotipRow> glotipRows, KStream<String, StatisticsCheck> checks) {
    }

    private StatisticsPart() {
    }

    /**
     * Adds the statistics part.
     *
     * @param acceptedStatistics accepted statistics cells keyed by ISO3 and timestamped with submittedAt
     */
    public static Outputs wire(final KStream<String, StatisticCell> acceptedStatistics,
                               final CycleCalendar calendar, final StatisticsConfig config,
                               final TipSerdes serdes) {
        final KStream<String, StatisticCell> byCountry = acceptedStatistics
            .repartition(Repartitions.STATISTICS_BY_COUNTRY.repartitioned(serdes));
        final KStream<String, GlotipRow> rows = byCountry
            .process(PublishStatisticsProcessor.supplier(calendar, config, serdes), Named.as("publish-statistics"));
        rows.to(Topics.REPORT_GLOTIP.name(), Topics.REPORT_GLOTIP.produced(serdes, "statistics-glotip-sink"));
        final KStream<String, StatisticsCheck> checks = byCountry
            .process(CheckStatisticsProcessor.supplier(serdes), Named.as("check-statistics"),
                StateStores.STATISTIC_VERSIONS.name());
        return new Outputs(rows, checks);
    }
}
