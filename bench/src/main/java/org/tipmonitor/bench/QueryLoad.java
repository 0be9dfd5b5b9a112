package org.tipmonitor.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Query latency of the HTTP API under concurrent clients, one kind of query at a time. */
final class QueryLoad {

    private QueryLoad() {
    }

    /**
     * Latencies in ms, requests answered per second, failures (any answer but 200), the clients and the mean size of
     * an answer in bytes.
     */
    record Result(String name, Stats latenciesMs, double perSecond, int failures, int clients, long meanBytes) {
    }

    static Result run(final String name, final Supplier<String> urls, final int clients, final Duration warmUp,
                      final Duration duration) throws InterruptedException {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final List<List<Double>> perClient = new ArrayList<>();
        final int[] failures = new int[clients];
        final long[] bytes = new long[clients];
        final List<Thread> threads = new ArrayList<>();
        final long measureFrom = System.nanoTime() + warmUp.toNanos();
        final long end = measureFrom + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            final List<Double> samples = new ArrayList<>();
            perClient.add(samples);
            final int client = c;
            final Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    final HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get()))
                        .timeout(Duration.ofSeconds(10)).GET().build();
                    final long t0 = System.nanoTime();
                    int status;
                    int size = 0;
                    try {
                        final HttpResponse<byte[]> response = http.send(request,
                            HttpResponse.BodyHandlers.ofByteArray());
                        status = response.statusCode();
                        size = response.body().length;
                    } catch (final Exception e) {
                        status = -1;
                    }
                    final long t1 = System.nanoTime();
                    if (t0 >= measureFrom) {
                        if (status == 200) {
                            samples.add((t1 - t0) / 1e6);
                            bytes[client] += size;
                        } else {
                            failures[client]++;
                        }
                    }
                }
            }, "bench-query-" + c);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads) {
            thread.join();
        }
        final Stats stats = new Stats();
        int failed = 0;
        long totalBytes = 0;
        for (int c = 0; c < clients; c++) {
            perClient.get(c).forEach(stats::add);
            failed += failures[c];
            totalBytes += bytes[c];
        }
        return new Result(name, stats, stats.count() / (duration.toNanos() / 1e9), failed, clients,
            stats.count() == 0 ? 0 : totalBytes / stats.count());
    }

    static <T> T pick(final List<T> values) {
        return values.get(ThreadLocalRandom.current().nextInt(values.size()));
    }
}
