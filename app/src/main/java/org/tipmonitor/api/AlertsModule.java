package org.tipmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.alerts.AlertFilter;
import org.tipmonitor.alerts.AlertSummary;
import org.tipmonitor.alerts.AlertsAt;
import org.tipmonitor.alerts.InvalidAlertFilterException;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.topology.channels.StateStores;

/**
 * The gap alerts (para 37): the list from the {@code alerts} store, and the live stream of alert events as
 * server-sent events. The stream's events come from this instance's one consumer of tip.alerts through an
 * {@link AlertFanOut}; each client gets only the events its filter matches, each as {@code event: alert},
 * {@code id: <alertId>}, {@code data: <the alert's JSON>}, with a comment line every keep-alive interval so that
 * proxies and clients see the connection is alive (and a client that went away is noticed and removed).
 */
public final class AlertsModule implements ApiModule {

    /** The alert engine's table: one single-partition task holds it, so one instance answers for all of it. */
    public static final QueryableStore<Alert> ALERTS = QueryableStore.of(StateStores.ALERTS);
    /** Open first, then by severity (HIGH first), the most recently opened first, then by id. */
    public static final Comparator<Alert> ORDER = Comparator
        .comparing((Alert alert) -> alert.getStatus() != AlertStatus.OPEN)
        .thenComparing(Alert::getSeverity)
        .thenComparing(Alert::getOpenedAt, Comparator.reverseOrder())
        .thenComparing(Alert::getAlertId);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    public static final String EVENT = "alert";

    static final String ALERTS_PATH = ComplianceApi.V1 + "/alerts";
    /** The largest page the list answers; without a limit it answers every matching alert. */
    static final int MAX_LIMIT = 10_000;
    static final String STREAM_PATH = ALERTS_PATH + "/stream";
    static final String SUMMARY_PATH = ALERTS_PATH + "/summary";
    static final String EVENT_STREAM = "text/event-stream";
    /** Sent by a reconnecting server-sent event client: the id of the last event it got. */
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final Logger LOG = LoggerFactory.getLogger(AlertsModule.class);
    private static final String FILTER_ATTRIBUTE = "tip.alertFilter";

    private final AlertFanOut feed;
    private final Duration keepAlive;

    public AlertsModule(final AlertFanOut feed, final Duration keepAlive) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
        }
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get(ALERTS_PATH, ctx -> list(ctx, queries));
        app.get(SUMMARY_PATH, ctx -> summary(ctx, queries));
        // The SSE handler commits 200 before it runs, so the request is checked here, before it.
        app.before(STREAM_PATH, ctx -> {
            if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
                throw new ApiException(406, "this is a server-sent event stream: send Accept: " + EVENT_STREAM);
            }
            ctx.attribute(FILTER_ATTRIBUTE, filter(ctx));
        });
        app.sse(STREAM_PATH, this::stream);
    }

    private static void list(final Context ctx, final StoreQueries queries) {
        final AlertFilter filter = filter(ctx);
        final Instant asOf = InternalStoreModule.asOf(ctx);
        if (asOf != null && !filter.statuses().isEmpty()) {
            throw ApiException.badRequest("status: not with asOf (the answer is the alerts open at asOf)");
        }
        final Integer limit = limit(ctx);
        final List<Alert> stored = queries.all(ALERTS).stream().map(row -> row.value).toList();
        final List<Alert> candidates = asOf == null ? stored : AlertsAt.openAt(stored, asOf);
        final ObjectNode body = listing(candidates.stream().filter(filter::matches).toList(),
            limit == null ? Integer.MAX_VALUE : limit);
        if (limit != null) {
            body.put("limit", limit);
        }
        if (asOf != null) {
            body.put("asOf", asOf.toString());
        }
        ApiJson.ok(ctx, body);
    }

    /**
     * Counts by kind, severity, region and recommendation of the alerts the list would return for the same filter,
     * open ones unless {@code status} says otherwise; each breakdown adds up to {@code total}.
     */
    private static void summary(final Context ctx, final StoreQueries queries) {
        final AlertFilter requested = filter(ctx);
        final AlertFilter filter = requested.statuses().isEmpty() ? requested.withStatuses(Set.of(AlertStatus.OPEN))
            : requested;
        ApiJson.ok(ctx, summaryJson(AlertSummary.of(queries.all(ALERTS).stream().map(row -> row.value)
            .filter(filter::matches).toList()), filter));
    }

    /** {@code {"statuses": [...], "total": n, "byKind": {...}, "bySeverity": {...}, ...}}. */
    static ObjectNode summaryJson(final AlertSummary summary, final AlertFilter filter) {
        final ObjectNode body = ApiJson.object();
        final ArrayNode statuses = body.putArray("statuses");
        filter.statuses().stream().map(Enum::name).sorted().forEach(statuses::add);
        body.put("total", summary.total());
        body.set("byKind", AvroJson.mapper().valueToTree(summary.byKind()));
        body.set("bySeverity", AvroJson.mapper().valueToTree(summary.bySeverity()));
        body.set("byKindAndSeverity", AvroJson.mapper().valueToTree(summary.byKindAndSeverity()));
        body.set("byRegion", AvroJson.mapper().valueToTree(summary.byRegion()));
        body.set("byRecommendation", AvroJson.mapper().valueToTree(summary.byRecommendation()));
        return body;
    }

    /** {@code {"count": n, "items": [alert, ...]}} in {@link #ORDER}. */
    static ObjectNode listing(final List<Alert> alerts) {
        return listing(alerts, Integer.MAX_VALUE);
    }

    /**
     * {@code {"count": n, "items": [...]}}: the first {@code limit} alerts in {@link #ORDER}, and how many there are.
     * At the benchmark's 20,000 submissions every alert, open and resolved, made 6.5 MB; a page of the dashboard
     * shows 200.
     */
    static ObjectNode listing(final List<Alert> alerts, final int limit) {
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        alerts.stream().sorted(ORDER).limit(limit).forEach(alert -> items.add(AvroJson.toJson(alert)));
        final ObjectNode body = ApiJson.object().put("count", alerts.size());
        body.set("items", items);
        return body;
    }

    /** The {@code limit} parameter: absent for every alert, else 1 to {@value #MAX_LIMIT}. */
    static Integer limit(final Context ctx) {
        final String raw = ctx.queryParam("limit");
        if (raw == null) {
            return null;
        }
        final int limit;
        try {
            limit = Integer.parseInt(raw.strip());
        } catch (final NumberFormatException e) {
            throw ApiException.badRequest("limit: not a whole number");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit: from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    /** The filter of the query parameters; a repeated parameter counts as its values joined by commas. */
    static AlertFilter filter(final Context ctx) {
        final Map<String, String> parameters = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> parameters.put(name, String.join(",", values)));
        try {
            return AlertFilter.parse(parameters);
        } catch (final InvalidAlertFilterException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Resumes after the client's last event if it can, else (too many missed, topic unreadable) live only. */
    private AlertFanOut.Subscription subscribe(final SseClient client, final AlertFilter filter,
                                               final Optional<AlertPositions> resumeAfter) {
        try {
            return feed.subscribe(filter, resumeAfter);
        } catch (final IllegalStateException e) {
            client.sendComment("cannot resume (" + e.getMessage() + "); live events only");
            return feed.subscribe(filter);
        }
    }

    /**
     * Serves one client on the thread Javalin gives it, until the client goes, falls too far behind or the
     * instance stops. The blocking writes happen on this thread only, never on the feed's.
     */
    private void stream(final SseClient client) {
        final AlertFilter filter = Optional.<AlertFilter>ofNullable(client.ctx().attribute(FILTER_ATTRIBUTE))
            .orElseGet(AlertFilter::all);
        final String lastEventId = client.ctx().header(LAST_EVENT_ID);
        final Optional<AlertPositions> resumeAfter = AlertPositions.parse(lastEventId);
        try (AlertFanOut.Subscription subscription = subscribe(client, filter, resumeAfter)) {
            client.onClose(subscription::close);
            client.sendComment(lastEventId == null ? "connected" : resumeAfter.isPresent()
                ? "connected, resuming after " + resumeAfter.get() : "connected; Last-Event-ID not understood, live only");
            while (!client.terminated() && subscription.isOpen()) {
                final Optional<AlertEvent> next = subscription.poll(keepAlive);
                if (next.isPresent()) {
                    client.sendEvent(EVENT, AvroJson.toJsonString(next.get().alert()), next.get().after().format());
                } else if (subscription.isOpen()) {
                    client.sendComment("keep-alive");
                }
            }
            subscription.closedBecause().ifPresent(reason -> {
                if (!client.terminated()) {
                    client.sendComment("closing: " + reason);
                }
            });
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            LOG.debug("Alert stream client {} ended: {}", client.ctx().ip(), e.toString());
        } finally {
            client.close();
        }
    }
}
