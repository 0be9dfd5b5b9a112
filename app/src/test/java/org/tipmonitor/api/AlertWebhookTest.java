package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tipmonitor.json.AvroJson;

/** The webhook against a local receiver that refuses a given number of requests first. */
class AlertWebhookTest {

    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");

    private HttpServer receiver;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> alertIdHeaders = new CopyOnWriteArrayList<>();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger settled = new AtomicInteger();

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void retriesWithDoublingBackOffUntilTheReceiverAccepts() throws Exception {
        final URI url = startReceiver(3);
        final WebhookConfig config = new WebhookConfig(url, 8, Duration.ofMillis(100), Duration.ofSeconds(30),
            10, Duration.ofSeconds(5));
        try (AlertWebhook webhook = AlertWebhook.start(config)) {
            assertThat(webhook.offer(TestAlerts.regression("FRA", "2013.10", T0), "FRA@0-1", settled::incrementAndGet)).isTrue();
            await(() -> webhook.delivered() == 1);

            assertThat(arrivals).hasSize(4);
            final long[] gaps = new long[3];
            for (int i = 0; i < 3; i++) {
                gaps[i] = TimeUnit.NANOSECONDS.toMillis(arrivals.get(i + 1) - arrivals.get(i));
            }
            // 100, 200, 400 ms: each wait at least its back-off, and the back-off doubles.
            assertThat(gaps[0]).isGreaterThanOrEqualTo(100);
            assertThat(gaps[1]).isGreaterThanOrEqualTo(200);
            assertThat(gaps[2]).isGreaterThanOrEqualTo(400);
            assertThat(gaps[2]).isLessThan(2_000);
            final JsonNode delivered = AvroJson.parse(bodies.get(3));
            assertThat(delivered.path("alertId").asText()).isEqualTo("REGRESSION|STATE|FRA|2013.10");
            assertThat(delivered.path("kind").asText()).isEqualTo("REGRESSION");
            assertThat(alertIdHeaders).containsOnly("REGRESSION|STATE|FRA|2013.10");
            // Every attempt carries the same key, so that the receiver can drop a repeat.
            assertThat(idempotencyKeys).hasSize(4).containsOnly("FRA@0-1");
            assertThat(webhook.givenUp()).isZero();
            await(() -> settled.get() == 1);
        }
    }

    @Test
    void givesUpAfterMaxAttemptsAndGoesOnWithTheNextEvent() throws Exception {
        final URI url = startReceiver(3);
        final WebhookConfig config = new WebhookConfig(url, 3, Duration.ofMillis(20), Duration.ofMillis(40),
            10, Duration.ofSeconds(5));
        try (AlertWebhook webhook = AlertWebhook.start(config)) {
            webhook.offer(TestAlerts.regression("FRA", "2013.10", T0), "FRA@0-1", settled::incrementAndGet);
            webhook.offer(TestAlerts.regression("DEU", "2013.10", T0), "DEU@0-1", settled::incrementAndGet);
            await(() -> webhook.delivered() == 1 && webhook.givenUp() == 1);
            // Given up counts as settled: the caller moves on (the error log names the alert).
            await(() -> settled.get() == 2);

            assertThat(alertIdHeaders).containsExactly("REGRESSION|STATE|FRA|2013.10", "REGRESSION|STATE|FRA|2013.10",
                "REGRESSION|STATE|FRA|2013.10", "REGRESSION|STATE|DEU|2013.10");
        }
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        failureStatus = 400;
        final URI url = startReceiver(1);
        try (AlertWebhook webhook = AlertWebhook.start(new WebhookConfig(url, 8, Duration.ofMillis(20),
            Duration.ofMillis(40), 10, Duration.ofSeconds(5)))) {
            webhook.offer(TestAlerts.regression("FRA", "2013.10", T0), "FRA@0-1", settled::incrementAndGet);
            await(() -> webhook.givenUp() == 1);
            Thread.sleep(200);
            assertThat(arrivals).hasSize(1);
            assertThat(webhook.delivered()).isZero();
        }
    }

    @Test
    void aFullQueueDropsNewEventsInsteadOfBlocking() throws Exception {
        final URI url = startReceiver(Integer.MAX_VALUE);
        try (AlertWebhook webhook = AlertWebhook.start(new WebhookConfig(url, 8, Duration.ofSeconds(10),
            Duration.ofSeconds(30), 2, Duration.ofSeconds(5)))) {
            webhook.offer(TestAlerts.regression("AAA", "2013.10", T0), "AAA@0-1", settled::incrementAndGet);
            await(() -> arrivals.size() == 1); // the first is now waiting 10 s to retry
            final long started = System.nanoTime();
            assertThat(webhook.offer(TestAlerts.regression("BBB", "2013.10", T0), "BBB@0-1", settled::incrementAndGet)).isTrue();
            assertThat(webhook.offer(TestAlerts.regression("CCC", "2013.10", T0), "CCC@0-1", settled::incrementAndGet)).isTrue();
            assertThat(webhook.offer(TestAlerts.regression("DDD", "2013.10", T0), "DDD@0-1", settled::incrementAndGet)).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
            assertThat(webhook.dropped()).isEqualTo(1);
        }
    }

    @Test
    void configReadsTheTipAlertsWebhookKeysAndCapsTheBackOff() {
        assertThat(WebhookConfig.from(Map.of())).isEmpty();
        final WebhookConfig config = WebhookConfig.from(Map.of(WebhookConfig.URL, "http://127.0.0.1:9/hook",
            WebhookConfig.MAX_ATTEMPTS, "5", WebhookConfig.INITIAL_BACKOFF, "PT0.5S")).orElseThrow();
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.queueCapacity()).isEqualTo(WebhookConfig.DEFAULT_QUEUE_CAPACITY);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(config::backoffAfter).map(Duration::toMillis))
            .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);
        assertThatThrownBy(() -> WebhookConfig.from(Map.of(WebhookConfig.URL, "ftp://x/")))
            .hasMessageContaining(WebhookConfig.URL);
        assertThatThrownBy(() -> WebhookConfig.from(Map.of(WebhookConfig.URL, "http://x/",
            WebhookConfig.MAX_ATTEMPTS, "many"))).hasMessageContaining(WebhookConfig.MAX_ATTEMPTS);
    }

    private URI startReceiver(final int failFirst) throws IOException {
        failuresLeft.set(failFirst);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            arrivals.add(System.nanoTime());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            alertIdHeaders.add(exchange.getRequestHeaders().getFirst(AlertWebhook.ALERT_ID_HEADER));
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst(AlertWebhook.IDEMPOTENCY_KEY_HEADER));
            final int status = failuresLeft.getAndDecrement() > 0 ? failureStatus : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
