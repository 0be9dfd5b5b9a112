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
 * <p>Each event is the alert's JSON ({@code Content-Type: application/json}, header {@value #ALERT_ID_HEADER}).
 * A 2xx answer delivers it. A connection failure, a timeout, 408, 429 or 5xx is retried after a back-off that
 * doubles from {@link WebhookConfig#initialBackoff()} up to {@link WebhookConfig#maxBackoff()}, up to
 * {@link WebhookConfig#maxAttempts()} attempts; any other answer (a 4xx: the receiver refuses this event) is not
 * retried. Events are delivered one at a time, in order. A given-up or dropped event is logged with its alert id.
 */
public final class AlertWebhook implements AutoCloseable {

    public static final String ALERT_ID_HEADER = "X-Tip-Alert-Id";

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final WebhookConfig config;
    private final HttpClient http;
    private final BlockingQueue<Alert> queue;
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

    /** Queues an event for delivery; never blocks. False (and logged) when the queue is full or closed. */
    public boolean offer(final Alert alert) {
        if (stopping.getCount() == 0 || !queue.offer(alert)) {
            dropped.incrementAndGet();
            LOG.warn("Alert webhook: dropped alert {} ({} events already waiting, or stopping)", alert.getAlertId(),
                queue.size());
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

    /** Events not queued because the queue was full or the webhook stopping. */
    public long dropped() {
        return dropped.get();
    }

    private void deliverUntilClosed() {
        try {
            while (stopping.getCount() > 0) {
                final Alert alert = queue.poll(200, TimeUnit.MILLISECONDS);
                if (alert != null) {
                    deliver(alert);
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            LOG.warn("Alert webhook stopped with {} events undelivered", queue.size());
        }
    }

    private void deliver(final Alert alert) throws InterruptedException {
        final String id = alert.getAlertId();
        final HttpRequest request = HttpRequest.newBuilder(config.url())
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header(ALERT_ID_HEADER, id)
            .POST(HttpRequest.BodyPublishers.ofString(AvroJson.toJsonString(alert), StandardCharsets.UTF_8))
            .build();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                final int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    delivered.incrementAndGet();
                    LOG.debug("Alert webhook: delivered alert {} (attempt {})", id, attempt);
                    return;
                }
                if (!retryable(status)) {
                    givenUp.incrementAndGet();
                    LOG.error("Alert webhook: {} refused alert {} with HTTP {}; not retried", config.url(), id, status);
                    return;
                }
                failure = "HTTP " + status;
            } catch (final IOException e) {
                failure = e.toString();
            }
            if (attempt >= config.maxAttempts()) {
                givenUp.incrementAndGet();
                LOG.error("Alert webhook: gave up alert {} after {} attempts; last failure: {}", id, attempt, failure);
                return;
            }
            final Duration wait = config.backoffAfter(attempt);
            LOG.warn("Alert webhook: attempt {} for alert {} failed ({}); retrying in {} ms", attempt, id, failure,
                wait.toMillis());
            if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Alert webhook: stopping; alert {} not delivered", id);
                return;
            }
        }
    }

    private static boolean retryable(final int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** Stops the thread; events still queued are logged as undelivered. Idempotent. */
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
