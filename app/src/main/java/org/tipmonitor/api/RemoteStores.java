package org.tipmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.kafka.streams.state.HostInfo;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * Asks another instance of the application for its local state, on the internal endpoints of
 * {@link InternalStoreModule}. Those answer only from their own active partitions and never forward further.
 */
final class RemoteStores {

    /** Marks a request made by another instance (traceable in logs; internal endpoints never forward anyway). */
    static final String FORWARDED_HEADER = "X-Tip-Forwarded";
    static final String INTERNAL_PREFIX = "/internal/v1/stores/";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    private final InternalSecret secret;

    RemoteStores(final InternalSecret secret) {
        this.secret = secret;
    }

    /** GETs {@code /internal/v1/stores/{store}/{operation}?params} on {@code host}; 503s become retryable. */
    JsonNode get(final HostInfo host, final String store, final String operation, final Map<String, String> params) {
        return send(host, uri(host, store, operation, params), HttpRequest.newBuilder().GET());
    }

    /** POSTs a JSON body to {@code /internal/v1/stores/{store}/{operation}} on {@code host} (batched reads). */
    JsonNode post(final HostInfo host, final String store, final String operation, final JsonNode body) {
        final String json;
        try {
            json = AvroJson.mapper().writeValueAsString(body);
        } catch (final JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException("could not write a JSON tree", cannotHappenForATree);
        }
        return send(host, uri(host, store, operation, Map.of()), HttpRequest.newBuilder()
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private JsonNode send(final HostInfo host, final URI uri, final HttpRequest.Builder builder) {
        final HttpRequest request = builder.uri(uri)
            .timeout(REQUEST_TIMEOUT)
            .header(FORWARDED_HEADER, "1")
            .header(InternalSecret.HEADER, secret.value())
            .header("Accept", "application/json")
            .build();
        final HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new StoresUnavailableException("instance " + host.host() + ":" + host.port()
                + " did not answer: " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoresUnavailableException("interrupted while asking " + host.host() + ":" + host.port(), e);
        }
        final String detail = errorOf(response.body());
        if (response.statusCode() == 503) {
            throw new StoresUnavailableException("instance " + host.host() + ":" + host.port() + ": " + detail);
        }
        if (response.statusCode() == 401) {
            // Not retryable: the instances were configured with different secrets; say so in the log.
            throw new IllegalStateException("instance " + host.host() + ":" + host.port() + " refused this instance's"
                + " internal secret: every instance needs the same " + ApiSettings.INTERNAL_SECRET);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("instance " + host.host() + ":" + host.port() + " answered "
                + response.statusCode() + " to " + uri + ": " + detail);
        }
        return AvroJson.parse(response.body());
    }

    static URI uri(final HostInfo host, final String store, final String operation, final Map<String, String> params) {
        final StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((name, value) -> {
            if (value != null) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        return URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PREFIX + encode(store) + "/"
            + operation + query);
    }

    private static String encode(final String text) {
        // URLEncoder writes form encoding; %20 rather than + keeps it valid in a path too.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String errorOf(final String body) {
        try {
            final JsonNode node = AvroJson.parse(body);
            return node.path("error").asText(body);
        } catch (final AvroJsonException notJson) {
            return body;
        }
    }
}
