package org.tipmonitor.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.StateStores;

/**
 * Keeps every version of every statistics cell of the States of its partitions (keyed by ISO3, so one task holds
 * all of a State's cells) and publishes each edition's Global Report rows of those States once the edition's
 * cut-off has passed, by the wall clock or by stream time, whichever comes first.
 *
 * <p>Versions are kept under {@link StatisticVersions#versionKey}: the same version delivered twice overwrites
 * itself, a correction is a new version, a submission that omits a cell adds nothing to it, and a late arrival
 * (submitted before a later version it arrives after) is kept but does not stand. Any edition is cut from these
 * versions as of its own cut-off ({@link GlotipStatistics#rows}), here and in the HTTP export alike.
 *
 * <p>Publishing a State's edition recomputes its rows and forwards only those that changed since the last
 * publication (a row that vanished is a tombstone). A version submitted at or before a published cut-off
 * republishes its State's rows of that edition: a late figure corrects the feed. Such republications are
 * debounced: the State is marked in {@code statistics-pending} (a store, so that a restart loses no mark) and a
 * wall-clock punctuation every {@link #FLUSH_INTERVAL} recomputes each marked State once. Without it a submission
 * of n figures after a cut-off recomputed its State n times, each over all its versions.
 *
 * <p>Output records are timestamped no later than the wall clock: a submittedAt within the allowed clock skew
 * may lie hours ahead, and the broker refuses records more than an hour ahead of its own clock.
 */
final class PublishStatisticsProcessor extends ContextualProcessor<String, StatisticCell, String, GlotipRow> {

    private static final Logger LOG = LoggerFactory.getLogger(PublishStatisticsProcessor.class);

    /** How often States marked for republication are recomputed (wall clock). */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final CycleCalendar calendar;
    private final StatisticsConfig config;
    private KeyValueStore<String, StatisticCell> versions;
    private KeyValueStore<String, GlotipRow> published;
    private KeyValueStore<String, Long> editions;
    private KeyValueStore<String, Long> pending;
    private ReferenceData reference;
    private long checkedStreamTime = Long.MIN_VALUE;

    private PublishStatisticsProcessor(final CycleCalendar calendar, final StatisticsConfig config) {
        this.calendar = calendar;
        this.config = config;
    }

    static ProcessorSupplier<String, StatisticCell, String, GlotipRow> supplier(final CycleCalendar calendar,
                                                                                final StatisticsConfig config,
                                                                                final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, StatisticCell, String, GlotipRow> get() {
                return new PublishStatisticsProcessor(calendar, config);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(StateStores.STATISTIC_VERSIONS.builder(serdes),
                    StateStores.STATISTICS_PUBLISHED_ROWS.builder(serdes),
                    StateStores.STATISTICS_EDITIONS_PUBLISHED.builder(serdes),
                    StateStores.STATISTICS_PENDING.builder(serdes));
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, GlotipRow> context) {
        super.init(context);
        versions = StateStores.STATISTIC_VERSIONS.in(context);
        published = StateStores.STATISTICS_PUBLISHED_ROWS.in(context);
        editions = StateStores.STATISTICS_EDITIONS_PUBLISHED.in(context);
        pending = StateStores.STATISTICS_PENDING.in(context);
        reference = ReferenceData.fromGlobalStores(context);
        context.schedule(calendar.snapshotInterval(), PunctuationType.WALL_CLOCK_TIME, this::publishDueEditions);
        context.schedule(calendar.snapshotInterval(), PunctuationType.STREAM_TIME, this::publishDueEditions);
        context.schedule(FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::republishPending);
    }

    @Override
    public void process(final Record<String, StatisticCell> record) {
        final StatisticCell cell = record.value();
        if (cell == null) {
            LOG.warn("Statistics record with key {} has no value; ignored", record.key());
            return;
        }
        versions.put(StatisticVersions.versionKey(cell), cell);
        final long submittedAt = cell.getSubmittedAt().toEpochMilli();
        final boolean late = calendar.cycles().stream()
            .anyMatch(cycle -> !cell.getSubmittedAt().isAfter(cycle.cutoff()) && isPublished(cycle));
        if (late) {
            final Long marked = pending.get(cell.getCountry());
            if (marked == null || submittedAt < marked) {
                pending.put(cell.getCountry(), submittedAt);
            }
        }
        final long streamTime = context().currentStreamTimeMs();
        if (cutoffPassedBetween(checkedStreamTime, streamTime)) {
            publishDueEditions(streamTime);
        }
        checkedStreamTime = Math.max(checkedStreamTime, streamTime);
    }

    private boolean cutoffPassedBetween(final long before, final long now) {
        return calendar.cycles().stream().map(cycle -> cycle.cutoff().toEpochMilli())
            .anyMatch(cutoff -> cutoff >= before && cutoff < now);
    }

    private void publishDueEditions(final long now) {
        for (final Cycle cycle : calendar.passedAt(Instant.ofEpochMilli(now))) {
            if (isPublished(cycle)) {
                continue;
            }
            final Set<String> countries = countries();
            countries.forEach(country -> publish(cycle, country, now));
            editions.put(editionKey(cycle), cycle.cutoff().toEpochMilli());
            LOG.info("Global Report edition {} (cut-off {}) published on task {} for {} States", cycle.edition(),
                cycle.cutoff(), context().taskId(), countries.size());
        }
    }

    /** Recomputes each marked State in the published editions its late versions belong to, once. */
    private void republishPending(final long now) {
        final List<KeyValue<String, Long>> marked = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            all.forEachRemaining(marked::add);
        }
        for (final KeyValue<String, Long> state : marked) {
            for (final Cycle cycle : calendar.cycles()) {
                if (cycle.cutoff().toEpochMilli() >= state.value && isPublished(cycle)) {
                    LOG.info("Late statistics of {}: republishing edition {}", state.key, cycle.edition());
                    publish(cycle, state.key, now);
                }
            }
            pending.delete(state.key);
        }
    }

    /** Recomputes one State's rows of an edition and forwards those that changed. */
    private void publish(final Cycle cycle, final String country, final long eventTime) {
        final long timestamp = Math.min(eventTime, context().currentSystemTimeMs());
        final List<StatisticCell> cells = new ArrayList<>();
        try (KeyValueIterator<String, StatisticCell> all = versions.prefixScan(StatisticKey.countryPrefix(country),
            new StringSerializer())) {
            all.forEachRemaining(entry -> cells.add(entry.value));
        }
        final GlotipStatistics.Edition edition = GlotipStatistics.rows(cycle, cells, reference, config);
        edition.mismatches().forEach(mismatch -> LOG.info("Edition {}: {}", cycle.edition(), mismatch));
        final Map<String, GlotipRow> before = new HashMap<>();
        try (KeyValueIterator<String, GlotipRow> all = published.prefixScan(
            GlotipStatistics.keyPrefix(cycle.edition(), country), new StringSerializer())) {
            all.forEachRemaining(entry -> before.put(entry.key, entry.value));
        }
        for (final GlotipRow row : edition.rows()) {
            final String key = GlotipStatistics.key(row);
            if (!row.equals(before.remove(key))) {
                published.put(key, row);
                context().forward(new Record<>(key, row, timestamp));
            }
        }
        for (final String gone : before.keySet()) {
            published.delete(gone);
            context().forward(new Record<String, GlotipRow>(gone, null, timestamp));
        }
    }

    private Set<String> countries() {
        final Set<String> countries = new TreeSet<>();
        try (KeyValueIterator<String, StatisticCell> all = versions.all()) {
            all.forEachRemaining(entry -> countries.add(entry.value.getCountry()));
        }
        return countries;
    }

    private boolean isPublished(final Cycle cycle) {
        final Long cutoff = editions.get(editionKey(cycle));
        return cutoff != null && cutoff == cycle.cutoff().toEpochMilli();
    }

    private static String editionKey(final Cycle cycle) {
        return Integer.toString(cycle.edition());
    }
}
