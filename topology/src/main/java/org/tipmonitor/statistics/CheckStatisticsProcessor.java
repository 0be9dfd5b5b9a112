package org.tipmonitor.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticsCheck;
import org.tipmonitor.avro.StatisticsMismatch;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Checks a State's latest statistics of one indicator and year for totals its own breakdowns contradict, and emits
 * the outcome, contradicted or not, as a {@link StatisticsCheck} for the alert engine (which alone owns alert
 * state). It reads the versions {@link PublishStatisticsProcessor} keeps (the store is shared within the
 * sub-topology). A group is marked when one of its figures arrives and checked at the next wall-clock flush, so a
 * submission that gives a total and its parts is checked once it is all in: checked figure by figure, its total
 * would look contradicted by the first part alone.
 */
final class CheckStatisticsProcessor extends ContextualProcessor<String, StatisticCell, String, StatisticsCheck> {

    private static final char SEPARATOR = '|';

    private KeyValueStore<String, StatisticCell> versions;
    private KeyValueStore<String, StatisticCell> pending;

    private CheckStatisticsProcessor() {
    }

    static ProcessorSupplier<String, StatisticCell, String, StatisticsCheck> supplier(final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, StatisticCell, String, StatisticsCheck> get() {
                return new CheckStatisticsProcessor();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.STATISTICS_CHECKS_PENDING.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, StatisticsCheck> context) {
        super.init(context);
        versions = StateStores.STATISTIC_VERSIONS.in(context);
        pending = StateStores.STATISTICS_CHECKS_PENDING.in(context);
        context.schedule(PublishStatisticsProcessor.FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(final Record<String, StatisticCell> record) {
        final StatisticCell cell = record.value();
        if (cell != null) {
            pending.put(groupKey(cell), cell);
        }
    }

    /** The key of a State's cells of one indicator and year, {@code NGA|VICTIMS_DETECTED|2023}. */
    static String groupKey(final StatisticCell cell) {
        return cell.getCountry() + SEPARATOR + cell.getStatistic().getIndicator() + SEPARATOR
            + cell.getStatistic().getYear();
    }

    private void check(final long now) {
        final List<KeyValue<String, StatisticCell>> marked = new ArrayList<>();
        try (KeyValueIterator<String, StatisticCell> all = pending.all()) {
            all.forEachRemaining(marked::add);
        }
        for (final KeyValue<String, StatisticCell> group : marked) {
            final StatisticCell cause = group.value;
            final List<StatisticCell> cells = new ArrayList<>();
            try (KeyValueIterator<String, StatisticCell> all = versions.prefixScan(group.key + SEPARATOR,
                new StringSerializer())) {
                all.forEachRemaining(entry -> cells.add(entry.value));
            }
            final List<StatisticsMismatch> mismatches = new ArrayList<>();
            for (final StatisticsCube.Mismatch mismatch : GlotipStatistics.mismatches(
                cause.getStatistic().getIndicator(), StatisticVersions.standingAt(cells, Instant.MAX))) {
                mismatches.add(StatisticsMismatch.newBuilder()
                    .setSex(mismatch.point().sex())
                    .setAge(mismatch.point().age())
                    .setForm(mismatch.point().form())
                    .setStated(mismatch.stated())
                    .setDimension(mismatch.dimension())
                    .setSumOfParts(mismatch.sumOfParts())
                    .build());
            }
            final StatisticsCheck check = StatisticsCheck.newBuilder()
                .setCountry(cause.getCountry())
                .setIndicator(cause.getStatistic().getIndicator())
                .setYear(cause.getStatistic().getYear())
                .setSubmissionId(cause.getSubmissionId())
                .setMismatches(mismatches)
                .build();
            // No later than the wall clock: the broker refuses records far ahead of its own clock.
            context().forward(new Record<>(group.key, check,
                Math.min(cause.getSubmittedAt().toEpochMilli(), now)));
            pending.delete(group.key);
        }
    }
}
