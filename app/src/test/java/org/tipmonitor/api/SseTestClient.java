package org.tipmonitor.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a server-sent event stream line by line, as java.net.http delivers it, on a thread of its own. */
final class SseTestClient implements AutoCloseable {

    /** One event: its fields as sent. */
    record Event(String event, String id, String data) {
    }

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SseTestClient(final String url) {
        this(url, Map.of());
    }

    /** @param headers further request headers, e.g. {@code Last-Event-ID} */
    SseTestClient(final String url, final Map<String, String> headers) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
            .header("Accept", AlertsModule.EVENT_STREAM)
            .GET();
        headers.forEach(builder::header);
        final HttpRequest request = builder.build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(answer -> {
            try (Stream<String> body = answer.body()) {
                body.forEach(lines::add);
            } catch (final RuntimeException closed) {
                // The stream ended or was closed by the test.
            }
        });
    }

    HttpResponse<Stream<String>> response() throws Exception {
        return response.get(10, TimeUnit.SECONDS);
    }

    /** The next line, waiting up to {@code timeout}; null if none came. */
    String nextLine(final Duration timeout) throws InterruptedException {
        return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips comment lines until the first line that starts with {@code prefix}; fails after {@code timeout}. */
    String awaitLine(final String prefix, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            final String line = lines.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line != null) {
                seen.add(line);
            }
        }
        throw new AssertionError("no line starting with \"" + prefix + "\" within " + timeout + "; saw " + seen);
    }

    /** The next event (the lines up to a blank line), skipping comments; fails after {@code timeout}. */
    Event nextEvent(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String event = null;
        String id = null;
        final StringBuilder data = new StringBuilder();
        while (System.nanoTime() < deadline) {
            final String line = lines.poll(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                TimeUnit.MILLISECONDS);
            if (line == null || line.startsWith(":")) {
                continue;
            }
            if (line.isEmpty()) {
                if (event != null || data.length() > 0) {
                    return new Event(event, id, data.toString());
                }
                continue;
            }
            final int colon = line.indexOf(':');
            final String field = colon < 0 ? line : line.substring(0, colon);
            final String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
            switch (field) {
                case "event" -> event = value;
                case "id" -> id = value;
                case "data" -> data.append(data.length() == 0 ? "" : "\n").append(value);
                default -> { }
            }
        }
        throw new AssertionError("no event within " + timeout);
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(answer -> answer.body().close());
    }
}
