package org.tipmonitor.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.TrackedCell;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.CachedReferenceData;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.compliance.TipSerdes;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The alert engine: the one task that sees every alert input (see {@link GapAlerts}). It keeps what the rules need
 * to remember in its stores, asks the rules (pure classes) what holds, and lets {@link AlertLifecycle} decide what
 * to publish. Cut-offs are evaluated from punctuation on both wall-clock and stream time, so they fire without new
 * input; the last evaluated cut-off is stored, so each is evaluated once, whichever clock passes it first.
 */
final class AlertEngineProcessor extends ContextualProcessor<String, AlertSignal, String, Alert> {

    /** How long the reference data read from the global stores are reused (wall clock). */
    private static final long REFERENCE_TTL_MS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(AlertEngineProcessor.class);
    private static final String LAST_EVALUATED = "last-evaluated-cutoff";
    private static final String SEPARATOR = "|";

    private final AlertConfig config;
    private final CycleCalendar calendar;
    private KeyValueStore<String, Alert> alerts;
    private KeyValueStore<String, TrackedCell> cells;
    private KeyValueStore<String, String> cycleResponses;
    private KeyValueStore<String, ComplianceRow> countryRows;
    private KeyValueStore<String, Long> evaluatedCutoffs;
    private ReferenceData reference;

    private AlertEngineProcessor(final AlertConfig config, final CycleCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    static ProcessorSupplier<String, AlertSignal, String, Alert> supplier(final AlertConfig config,
                                                                         final CycleCalendar calendar,
                                                                         final TipSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, AlertSignal, String, Alert> get() {
                return new AlertEngineProcessor(config, calendar);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // A fixed order, not Set.of: Set.of iterates by the builders' identity hashes, and the topology
                // description lists two of these store names (alert-cutoffs, alert-country-rows share a hash
                // bucket) in the order they are added, so the golden topology file would follow unrelated changes.
                final Set<StoreBuilder<?>> stores = new LinkedHashSet<>();
                stores.add(StateStores.ALERTS.builder(serdes));
                stores.add(StateStores.ALERT_CUTOFFS.builder(serdes));
                stores.add(StateStores.ALERT_COUNTRY_ROWS.builder(serdes));
                stores.add(StateStores.ALERT_CELLS.builder(serdes));
                stores.add(StateStores.ALERT_CYCLE_RESPONSES.builder(serdes));
                return stores;
            }
        };
    }

    @Override
    public void init(final ProcessorContext<String, Alert> context) {
        super.init(context);
        alerts = StateStores.ALERTS.in(context);
        cells = StateStores.ALERT_CELLS.in(context);
        cycleResponses = StateStores.ALERT_CYCLE_RESPONSES.in(context);
        countryRows = StateStores.ALERT_COUNTRY_ROWS.in(context);
        evaluatedCutoffs = StateStores.ALERT_CUTOFFS.in(context);
        // Decoding the global stores on every signal was a tenth of a bulk load; a one-second snapshot that
        // reloads when an entity is missing sees additions at once and other changes within a second.
        reference = CachedReferenceData.reloadingOnMiss(ReferenceData.fromGlobalStores(context),
            context::currentSystemTimeMs, REFERENCE_TTL_MS);
        context.schedule(config.evaluationInterval(), PunctuationType.WALL_CLOCK_TIME, this::evaluateCutoffs);
        context.schedule(config.evaluationInterval(), PunctuationType.STREAM_TIME, this::evaluateCutoffs);
    }

    @Override
    public void process(final Record<String, AlertSignal> record) {
        final AlertSignal signal = record.value();
        if (signal == null) {
            return;
        }
        final Instant at = Instant.ofEpochMilli(record.timestamp());
        switch (signal.getSource()) {
            case ACCEPTED_CELL:
                onAcceptedStateCell(signal.getAcceptedCell());
                break;
            case LATEST_CELL:
                onLatestCell(signal.getLatestCell());
                break;
            case RECOMMENDATION_ROW:
                onRecommendationRow(AlertSignals.rowSubject(record.key()), signal.getRecommendationRow(), at);
                break;
            case COUNTRY_ROW:
                onCountryRow(AlertSignals.rowSubject(record.key()), signal.getCountryRow(), at);
                break;
            default:
                LOG.warn("Alert signal {} of unknown source {}; ignored", record.key(), signal.getSource());
        }
    }

    /** OVERDUE bookkeeping: what the State answered in which cycle, and striking off what it owed. */
    private void onAcceptedStateCell(final Cell cell) {
        final String country = cell.getCountry();
        final String recommendationId = cell.getRecommendationId();
        final Instant submittedAt = cell.getSubmittedAt();
        // However early, an answer counts for the first cycle: OVERDUE asks whether the State answered at all.
        calendar.cycleEndingAtOrAfter(submittedAt).ifPresent(cycle -> {
            final String key = cycleResponseKey(country, cycle, recommendationId);
            if (cycleResponses.get(key) == null) {
                cycleResponses.put(key, cell.getSubmissionId());
            }
        });
        for (final Alert open : openAlertsWithPrefix(AlertIds.overduePrefix(country))) {
            final Optional<Cycle> cycle = editionOf(open);
            if (cycle.isEmpty()) {
                continue;
            }
            OverdueRule.remainingAfter(open, calendar, cycle.get(), recommendationId, submittedAt, reference)
                .ifPresent(remaining -> apply(open.getAlertId(),
                    OverdueRule.draft(country, cycle.get(), remaining, cell.getSubmissionId()),
                    OverdueRule.resolution(), cell.getSubmissionId(), submittedAt));
        }
    }

    /** REGRESSION, ASSISTANCE_NEEDED and DIVERGENCE follow the latest status of each cell. */
    private void onLatestCell(final Cell cell) {
        final ReporterType type = cell.getReporterType();
        final String country = cell.getCountry();
        final String recommendationId = cell.getRecommendationId();
        final String key = CellKey.of(cell).asString();
        final ImplementationStatus status = cell.getStatus();
        final String submissionId = cell.getSubmissionId();
        final Instant at = cell.getSubmittedAt();
        final TrackedCell before = cells.get(key);
        final ImplementationStatus regain = type != ReporterType.STATE ? null
            : RegressionRule.regainAfter(before == null ? null : before.getStatus(),
                before == null ? null : before.getRegainStatus(), status);
        cells.put(key, TrackedCell.newBuilder()
            .setReporterType(type)
            .setCountry(country)
            .setRecommendationId(recommendationId)
            .setStatus(status)
            .setSubmissionId(submissionId)
            .setSubmittedAt(at)
            .setRegainStatus(regain)
            .build());
        if (type == ReporterType.STATE) {
            apply(AlertIds.regression(country, recommendationId),
                RegressionRule.draft(country, recommendationId, regain, status, submissionId),
                RegressionRule.resolution(status), submissionId, at);
            apply(AlertIds.assistanceNeeded(country, recommendationId), AssistanceRule.evaluate(cell),
                AssistanceRule.resolution(), submissionId, at);
            for (final ReporterType other : List.of(ReporterType.CIVIL_SOCIETY, ReporterType.NHRI)) {
                divergence(country, recommendationId, other, status, statusOf(other, country, recommendationId),
                    submissionId, at);
            }
        } else {
            divergence(country, recommendationId, type, statusOf(ReporterType.STATE, country, recommendationId),
                status, submissionId, at);
        }
    }

    private void divergence(final String country, final String recommendationId, final ReporterType other,
                            final ImplementationStatus state, final ImplementationStatus otherStatus,
                            final String submissionId, final Instant at) {
        apply(AlertIds.divergence(other, country, recommendationId),
            DivergenceRule.evaluate(country, recommendationId, other, state, otherStatus,
                config.divergenceMinSteps(), submissionId),
            DivergenceRule.resolution(state, otherStatus), submissionId, at);
    }

    private void onRecommendationRow(final String recommendationId, final ComplianceRow row, final Instant at) {
        final Optional<AlertDraft> draft = row == null ? Optional.empty()
            : LowUptakeRule.evaluate(row, config.lowUptakeMinReporters(), config.lowUptakeRateBelow());
        apply(AlertIds.lowUptake(recommendationId), draft,
            LowUptakeRule.resolution(row, config.lowUptakeMinReporters(), config.lowUptakeRateBelow()), null, at);
    }

    private void onCountryRow(final String iso3, final ComplianceRow row, final Instant at) {
        if (row == null) {
            countryRows.delete(iso3);
        } else {
            countryRows.put(iso3, row);
        }
        final Optional<Cycle> latest = lastEvaluatedCycle();
        if (latest.isEmpty()) {
            return;
        }
        // Staleness is judged at a cut-off: a back-dated first report does not make an alert open in the past.
        final Instant judgedAt = at.isBefore(latest.get().cutoff()) ? latest.get().cutoff() : at;
        StaleRule.thresholdCycle(calendar, latest.get(), config.staleCycles())
            .ifPresent(threshold -> stale(iso3, row, threshold, latest.get(), judgedAt));
    }

    private void stale(final String iso3, final ComplianceRow row, final Cycle threshold,
                       final Cycle latest, final Instant at) {
        final Country country = reference.country(iso3).orElse(null);
        apply(AlertIds.stale(iso3), StaleRule.evaluate(country, row, threshold, latest),
            StaleRule.resolution(country, row), null, at);
    }

    /** Evaluates, in order and once each, the cut-offs passed since the last evaluated one. */
    private void evaluateCutoffs(final long now) {
        final Long last = evaluatedCutoffs.get(LAST_EVALUATED);
        final List<Cycle> passed = calendar.reachedBetween(last == null ? null : Instant.ofEpochMilli(last),
            Instant.ofEpochMilli(now));
        for (final Cycle cycle : passed) {
            LOG.info("Cut-off of the {} cycle ({}) passed: evaluating OVERDUE and STALE", cycle.edition(),
                cycle.cutoff());
            overdue(cycle);
            StaleRule.thresholdCycle(calendar, cycle, config.staleCycles()).ifPresent(threshold -> {
                for (final KeyValue<String, ComplianceRow> entry : all(countryRows)) {
                    stale(entry.key, entry.value, threshold, cycle, cycle.cutoff());
                }
            });
            evaluatedCutoffs.put(LAST_EVALUATED, cycle.cutoff().toEpochMilli());
        }
    }

    private void overdue(final Cycle cycle) {
        final List<Recommendation> required = OverdueRule.required(reference, cycle);
        if (required.isEmpty()) {
            return;
        }
        final List<Country> countries = new ArrayList<>(reference.countries());
        countries.sort(Comparator.comparing(Country::getIso3));
        for (final Country country : countries) {
            if (!OverdueRule.expectedToReport(country, cycle)) {
                continue;
            }
            final String iso3 = country.getIso3();
            final List<Recommendation> missing = new ArrayList<>();
            for (final Recommendation recommendation : required) {
                if (cycleResponses.get(cycleResponseKey(iso3, cycle, recommendation.getId())) == null) {
                    missing.add(recommendation);
                }
            }
            final String alertId = AlertIds.overdue(iso3, cycle.edition());
            apply(alertId, OverdueRule.draft(iso3, cycle, missing, null), OverdueRule.resolution(), null,
                cycle.cutoff());
            strikeOffCaughtUp(alertId, iso3, cycle, missing);
        }
    }

    /**
     * A cut-off may be evaluated late (the application was down, or the clocks reached it after a later
     * submission): responses already in since the window began strike their recommendations off at once, at their
     * own submittedAt, so that the alert's history is the same as if the cut-off had been evaluated on time.
     */
    private void strikeOffCaughtUp(final String alertId, final String iso3, final Cycle cycle,
                                   final List<Recommendation> missing) {
        final List<TrackedCell> caughtUp = new ArrayList<>();
        for (final Recommendation recommendation : missing) {
            final TrackedCell cell = cells.get(new CellKey(ReporterType.STATE, iso3, recommendation.getId())
                .asString());
            if (cell != null && calendar.isInOrAfter(cycle, cell.getSubmittedAt())) {
                caughtUp.add(cell);
            }
        }
        caughtUp.sort(Comparator.comparing(TrackedCell::getSubmittedAt));
        for (final TrackedCell cell : caughtUp) {
            final Alert open = alerts.get(alertId);
            if (!AlertLifecycle.isOpen(open)) {
                return;
            }
            OverdueRule.remainingAfter(open, calendar, cycle, cell.getRecommendationId(), cell.getSubmittedAt(),
                    reference)
                .ifPresent(remaining -> apply(alertId, OverdueRule.draft(iso3, cycle, remaining,
                    cell.getSubmissionId()), OverdueRule.resolution(), cell.getSubmissionId(), cell.getSubmittedAt()));
        }
    }

    /** Stores and publishes whatever the lifecycle makes of a rule's finding. */
    private void apply(final String alertId, final Optional<AlertDraft> draft, final String resolution,
                       final String submissionId, final Instant at) {
        AlertLifecycle.evaluate(alerts.get(alertId), draft, resolution, submissionId, at).ifPresent(alert -> {
            alerts.put(alertId, alert);
            context().forward(new Record<>(alertId, alert, alert.getUpdatedAt().toEpochMilli()));
        });
    }

    private ImplementationStatus statusOf(final ReporterType type, final String country,
                                          final String recommendationId) {
        final TrackedCell cell = cells.get(new CellKey(type, country, recommendationId).asString());
        return cell == null ? null : cell.getStatus();
    }

    private List<Alert> openAlertsWithPrefix(final String prefix) {
        final List<Alert> open = new ArrayList<>();
        try (KeyValueIterator<String, Alert> matching = alerts.prefixScan(prefix, new StringSerializer())) {
            while (matching.hasNext()) {
                final Alert alert = matching.next().value;
                if (AlertLifecycle.isOpen(alert)) {
                    open.add(alert);
                }
            }
        }
        return open;
    }

    private Optional<Cycle> editionOf(final Alert alert) {
        Optional<Cycle> cycle = Optional.empty();
        if (alert.getCycle() != null && alert.getCycle().matches("\\d{1,9}")) {
            cycle = calendar.edition(Integer.parseInt(alert.getCycle()));
        }
        if (cycle.isEmpty()) {
            // Only if the calendar was reconfigured without the alert's cycle: nothing can strike it off then.
            LOG.warn("Alert {} names no cycle of the calendar ({}); left as it is", alert.getAlertId(),
                alert.getCycle());
        }
        return cycle;
    }

    private Optional<Cycle> lastEvaluatedCycle() {
        final Long last = evaluatedCutoffs.get(LAST_EVALUATED);
        return last == null ? Optional.empty() : calendar.lastReachedBy(Instant.ofEpochMilli(last));
    }

    private static String cycleResponseKey(final String country, final Cycle cycle,
                                           final String recommendationId) {
        return country + SEPARATOR + cycle.edition() + SEPARATOR + recommendationId;
    }

    private static <V> List<KeyValue<String, V>> all(final KeyValueStore<String, V> store) {
        final List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> iterator = store.all()) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }
}
