package org.tipmonitor.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.json.AvroJson;

/**
 * POSTs every alert event to a webhook, on a thread of its own with a bounded queue, so that a slow or failing
 * receiver never holds up the topology, the alert stream or the thread that offers the events.
 *
 * <p>Each event is the alert's JSON ({@code Content-Type: application/json}, headers {@value #ALERT_ID_HEADER} and
 * {@value #IDEMPOTENCY_KEY_HEADER}: delivery is at least once, and the receiver drops an event whose key it has
 * seen). Once an event is delivered, refused or given up, its {@code settled} action runs (on the webhook's thread):
 * the caller commits its position then, so that an event in the queue when the instance stops is sent again.
 * A 2xx answer delivers it. A connection failure, a timeout, 408, 429 or 5xx is retried after a back-off that
 * doubles from {@link WebhookConfig#initialBackoff()} up to {@link WebhookConfig#maxBackoff()}, up to
 * {@link WebhookConfig#maxAttempts()} attempts; any other answer (a 4xx: the receiver refuses this event) is not
 * retried. Events are delivered one at a time, in order. A given-up or dropped event is logged with its alert id.
 */
public final class AlertWebhook implements AutoCloseable {

    public static final String ALERT_ID_HEADER = "X-Tip-Alert-Id";
    /** The same for every delivery of one alert event, different for every event (the alert id and the version). */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final WebhookConfig config;
    private final HttpClient http;
    private final BlockingQueue<Event> queue;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread sender;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong givenUp = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private AlertWebhook(final WebhookConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.sender = new Thread(this::deliverUntilClosed, "tip-alert-webhook");
        this.sender.setDaemon(true);
    }

    /** Starts the delivery thread. */
    public static AlertWebhook start(final WebhookConfig config) {
        final AlertWebhook webhook = new AlertWebhook(config);
        webhook.sender.start();
        LOG.info("Alert webhook enabled: {} (up to {} attempts, back-off {} to {})", config.url(),
            config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
        return webhook;
    }

    /** One alert event to deliver, with its idempotency key and what to do once it is settled. */
    private record Event(Alert alert, String idempotencyKey, Runnable settled) {
    }

    /**
     * Queues an event for delivery; never blocks. False (and logged) when the queue is full or closed: the caller
     * offers it again later.
     *
     * @param idempotencyKey the same for every delivery of this event
     * @param settled        runs once the event is delivered, refused or given up; not when the webhook stops first
     */
    public boolean offer(final Alert alert, final String idempotencyKey, final Runnable settled) {
        if (stopping.getCount() == 0 || !queue.offer(new Event(alert, idempotencyKey, settled))) {
            dropped.incrementAndGet();
            LOG.warn("Alert webhook: alert {} not queued ({} events already waiting, or stopping)",
                alert.getAlertId(), queue.size());
            return false;
        }
        return true;
    }

    /** Events the receiver accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Events given up after the last attempt or refused by the receiver. */
    public long givenUp() {
        return givenUp.get();
    }

    /** Offers refused because the queue was full or the webhook stopping. */
    public long dropped() {
        return dropped.get();
    }

    private void deliverUntilClosed() {
        try {
            while (stopping.getCount() > 0) {
                final Event event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event != null && deliver(event)) {
                    event.settled().run();
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn("Alert webhook stopped with {} events undelivered", queue.size());
        }
    }

    /** Delivers with retries; true once settled (delivered, refused or given up), false if stopped first. */
    private boolean deliver(final Event event) throws InterruptedException {
        final Alert alert = event.alert();
        final String id = alert.getAlertId();
        final HttpRequest request = HttpRequest.newBuilder(config.url())
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header(ALERT_ID_HEADER, id)
            .header(IDEMPOTENCY_KEY_HEADER, event.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(AvroJson.toJsonString(alert), StandardCharsets.UTF_8))
            .build();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                final int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    LOG.debug("Alert webhook: delivered alert {} (attempt {})", id, attempt);
                    return true;
                }
                if (!retryable(status)) {
                    givenUp.incrementAndGet();
                    LOG.error("Alert webhook: {} refused alert {} with HTTP {}; not retried", config.url(), id, status);
                    return true;
                }
                failure = "HTTP " + status;
            } catch (final IOException e) {
                failure = e.toString();
            }
            if (attempt >= config.maxAttempts()) {
                givenUp.incrementAndGet();
                LOG.error("Alert webhook: gave up alert {} after {} attempts; last failure: {}", id, attempt, failure);
                return true;
            }
            final Duration wait = config.backoffAfter(attempt);
            LOG.warn("Alert webhook: attempt {} for alert {} failed ({}); retrying in {} ms", attempt, id, failure,
                wait.toMillis());
            if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Alert webhook: stopping; alert {} not delivered", id);
                return false;
            }
        }
    }

    private static boolean retryable(final int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Stops the thread; events still queued are logged as undelivered (and never settled). Idempotent. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            sender.join(CLOSE_WAIT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
