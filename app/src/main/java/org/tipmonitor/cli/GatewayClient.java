package org.tipmonitor.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Posts submissions to a running tip-monitor's HTTP API, as a State's focal point would. */
final class GatewayClient {

    static final String SUBMISSIONS_PATH = "/api/v1/submissions";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_IN_MESSAGE = 300;

    /** The answer to one post: the HTTP status and the body as one line. */
    record Answer(int status, String body) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final URI submissions;
    private final String token;

    GatewayClient(final String gatewayUrl, final String token) {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        final String base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.submissions = URI.create(base + SUBMISSIONS_PATH);
        if (!"http".equals(submissions.getScheme()) && !"https".equals(submissions.getScheme())) {
            throw new IllegalArgumentException("--gateway must be an http:// or https:// URL, not " + gatewayUrl);
        }
        this.token = Objects.requireNonNull(token, "token");
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    URI submissionsUri() {
        return submissions;
    }

    /**
     * Posts one submission as plain JSON with the bearer token.
     *
     * @throws IOException if the gateway cannot be reached
     */
    Answer post(final String submissionJson) throws IOException {
        final HttpRequest request = HttpRequest.newBuilder(submissions)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(submissionJson, StandardCharsets.UTF_8))
            .build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), oneLine(response.body()));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + submissions, e);
        }
    }

    private static String oneLine(final String body) {
        final String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
