package org.tipmonitor.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.alerts.AlertFilter;
import org.tipmonitor.alerts.AlertSummary;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.json.AvroJson;

/**
 * The daily digest ({@code tip.alerts.digest=daily}): once a day the summary of the open alerts (the body of
 * {@code GET /api/v1/alerts/summary}) is POSTed to the webhook, with header {@value #DIGEST_HEADER}, so that a
 * receiver that does not follow every event still sees where things stand. A failed POST is logged; the next one
 * comes the next day.
 */
public final class AlertDigest implements AutoCloseable {

    public static final String DIGEST = "tip.alerts.digest";
    public static final String DIGEST_HEADER = "X-Tip-Digest";
    public static final Duration DAILY = Duration.ofDays(1);

    private static final Logger LOG = LoggerFactory.getLogger(AlertDigest.class);

    private final URI url;
    private final Supplier<AlertSummary> summary;
    private final Duration timeout;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;

    private AlertDigest(final URI url, final Supplier<AlertSummary> summary, final Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "tip-alert-digest");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The digest interval the settings ask for: {@code daily}, or none when the key is absent or {@code none}. */
    public static Optional<Duration> interval(final Map<String, ?> properties) {
        final Object value = properties.get(DIGEST);
        final String text = value == null ? "none" : value.toString().trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "none":
            case "":
                return Optional.empty();
            case "daily":
                return Optional.of(DAILY);
            default:
                throw new IllegalArgumentException(DIGEST + ": expected daily or none, was " + value);
        }
    }

    /** POSTs {@code summary}'s answer to {@code url} every {@code every}, the first one {@code every} from now. */
    public static AlertDigest start(final URI url, final Duration every, final Supplier<AlertSummary> summary,
                                    final Duration timeout) {
        final AlertDigest digest = new AlertDigest(url, summary, timeout);
        digest.scheduler.scheduleAtFixedRate(digest::sendOnce, every.toMillis(), every.toMillis(),
            TimeUnit.MILLISECONDS);
        return digest;
    }

    /** The filter of a digest: the open alerts. */
    public static AlertFilter openAlerts() {
        return AlertFilter.all().withStatuses(Set.of(AlertStatus.OPEN));
    }

    /** Sends one digest now; true when the receiver answered 2xx. */
    boolean sendOnce() {
        try {
            final String body = AvroJson.mapper().writeValueAsString(
                AlertsModule.summaryJson(summary.get(), openAlerts()));
            final HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(DIGEST_HEADER, "daily")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                LOG.warn("Alert digest refused by {}: HTTP {}", url, answer.statusCode());
                return false;
            }
            return true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (final IOException | RuntimeException e) {
            LOG.warn("Alert digest not delivered to {}: {}", url, e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
