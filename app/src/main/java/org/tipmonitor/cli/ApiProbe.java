package org.tipmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.tipmonitor.json.AvroJson;

/** Polls the running instance's HTTP API the way a person with curl would, to tell when the tables are filled. */
final class ApiProbe {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final String baseUrl;

    ApiProbe(final String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The JSON body of {@code GET path} if it answered 200, else empty. */
    Optional<JsonNode> get(final String path) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET()
            .build();
        try {
            final HttpResponse<String> response =
                http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? Optional.of(AvroJson.mapper().readTree(response.body()))
                : Optional.empty();
        } catch (final IOException e) {
            return Optional.empty();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Polls {@code GET path} until its body satisfies {@code populated}.
     *
     * @return whether it did within {@code timeout}
     */
    boolean await(final String path, final Predicate<JsonNode> populated, final Duration timeout)
        throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(path).filter(populated).isPresent()) {
                return true;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        return false;
    }

    /** A listing ({@code {"items": [...]}}) with at least one item whose compliance row exists. */
    static boolean anyItemHasCompliance(final JsonNode listing) {
        for (final JsonNode item : listing.path("items")) {
            if (hasCompliance(item)) {
                return true;
            }
        }
        return false;
    }

    /** One entity ({@code {..., "compliance": {...}}}) whose compliance row exists. */
    static boolean hasCompliance(final JsonNode entity) {
        final JsonNode compliance = entity.path("compliance");
        return compliance.isObject() && !compliance.isEmpty();
    }
}
