package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tipmonitor.alerts.AlertFilter;
import org.tipmonitor.avro.Alert;

class AlertFanOutTest {

    private static final Instant T0 = Instant.parse("2016-01-01T00:00:00Z");

    @Test
    void aSlowClientIsDroppedWithoutHoldingUpTheOthersOrThePublisher() throws Exception {
        final AlertFanOut fanOut = new AlertFanOut(4);
        final AlertFanOut.Subscription slow = fanOut.subscribe(AlertFilter.all());
        final AlertFanOut.Subscription fast = fanOut.subscribe(AlertFilter.all());
        final int events = 50;
        final CompletableFuture<List<String>> fastReads = CompletableFuture.supplyAsync(() -> {
            final List<String> ids = new ArrayList<>();
            try {
                while (ids.size() < events) {
                    fast.poll(Duration.ofSeconds(5)).ifPresent(event -> ids.add(event.alert().getAlertId()));
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ids;
        });

        final long started = System.nanoTime();
        final List<String> published = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            final Alert alert = TestAlerts.regression("FRA", "2013." + i, T0.plusSeconds(i));
            published.add(alert.getAlertId());
            fanOut.publish(TestAlerts.event(alert));
            // Let the fast reader keep up; the slow one never reads.
            awaitDrained(fast);
        }
        final long publishMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(fastReads.get(10, TimeUnit.SECONDS)).containsExactlyElementsOf(published);
        assertThat(slow.isOpen()).isFalse();
        assertThat(slow.closedBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("too slowly"));
        assertThat(slow.poll(Duration.ofMillis(1))).isEmpty();
        assertThat(fast.isOpen()).isTrue();
        assertThat(fanOut.subscribers()).isEqualTo(1);
        assertThat(publishMillis).as("publishing never waits for a reader").isLessThan(5_000);
    }

    @Test
    void eachClientGetsOnlyWhatItsFilterMatchesAndLeavesWhenItCloses() throws Exception {
        final AlertFanOut fanOut = new AlertFanOut(16);
        final AlertFanOut.Subscription france = fanOut.subscribe(AlertFilter.parse(Map.of("country", "fra")));
        final AlertFanOut.Subscription rec11 = fanOut.subscribe(AlertFilter.parse(Map.of("recommendation", "2013.11")));

        fanOut.publish(TestAlerts.event(TestAlerts.regression("FRA", "2013.10", T0)));
        fanOut.publish(TestAlerts.event(TestAlerts.regression("DEU", "2013.11", T0)));

        assertThat(france.poll(Duration.ofSeconds(1)).map(AlertEvent::alert).map(Alert::getCountry)).contains("FRA");
        assertThat(france.poll(Duration.ofMillis(50))).isEmpty();
        assertThat(rec11.poll(Duration.ofSeconds(1)).map(AlertEvent::alert).map(Alert::getCountry)).contains("DEU");
        assertThat(rec11.pending()).isZero();

        france.close();
        assertThat(fanOut.subscribers()).isEqualTo(1);
        fanOut.publish(TestAlerts.event(TestAlerts.regression("FRA", "2013.11", T0)));
        assertThat(france.pending()).isZero();
        assertThat(rec11.pending()).isEqualTo(1);
    }

    @Test
    void closingTheFanOutWakesAWaitingClientAndClosesLateSubscribers() throws Exception {
        final AlertFanOut fanOut = new AlertFanOut(16);
        final AlertFanOut.Subscription waiting = fanOut.subscribe(AlertFilter.all());
        final CompletableFuture<Optional<AlertEvent>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return waiting.poll(Duration.ofSeconds(30));
            } catch (final InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);

        fanOut.close();

        assertThat(poll.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(waiting.isOpen()).isFalse();
        assertThat(fanOut.subscribe(AlertFilter.all()).isOpen()).isFalse();
    }

    private static void awaitDrained(final AlertFanOut.Subscription subscription) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (subscription.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void aClientResumingAfterItsLastEventGetsWhatItMissedThenTheLiveEventsOnce() throws Exception {
        final AlertFanOut fanOut = new AlertFanOut(16);
        final AlertPositions lastSeen = AlertPositions.of(Map.of(0, 5L, 1, 3L));
        final AlertPositions now = AlertPositions.of(Map.of(0, 7L, 1, 3L));
        final List<AlertEvent> missed = List.of(
            new AlertEvent(TestAlerts.regression("FRA", "2013.10", T0), lastSeen.with(0, 6L)),
            new AlertEvent(TestAlerts.regression("DEU", "2013.10", T0), now));
        final List<AlertPositions[]> asked = new ArrayList<>();
        fanOut.replayWith((from, to) -> {
            asked.add(new AlertPositions[] {from, to});
            return missed;
        });
        fanOut.advance(now);

        final AlertFanOut.Subscription resumed = fanOut.subscribe(AlertFilter.all(), Optional.of(lastSeen));
        fanOut.publish(new AlertEvent(TestAlerts.regression("ITA", "2013.10", T0), now.with(1, 4L)));

        assertThat(asked).singleElement().satisfies(range -> assertThat(range).containsExactly(lastSeen, now));
        assertThat(List.of(resumed.poll(Duration.ofSeconds(1)).orElseThrow(),
            resumed.poll(Duration.ofSeconds(1)).orElseThrow(), resumed.poll(Duration.ofSeconds(1)).orElseThrow()))
            .extracting(event -> event.alert().getCountry() + " " + event.after().format())
            .containsExactly("FRA 0-6.1-3", "DEU 0-7.1-3", "ITA 0-7.1-4");
        assertThat(resumed.poll(Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void positionsAreReadOnlyFromWellFormedIds() {
        assertThat(AlertPositions.parse("0-16.1-7")).contains(AlertPositions.of(Map.of(0, 16L, 1, 7L)));
        assertThat(AlertPositions.parse("0-16.1-7").orElseThrow().format()).isEqualTo("0-16.1-7");
        assertThat(AlertPositions.parse(null)).isEmpty();
        assertThat(AlertPositions.parse("REGRESSION|STATE|FRA|2013.10")).isEmpty();
        assertThat(AlertPositions.parse("0-99999999999999999999")).isEmpty();
        assertThat(AlertPositions.parse("0--1")).isEmpty();
        assertThat(AlertPositions.parse("0-1.".repeat(2000) + "0-1")).isEmpty();
    }
}
