package org.tipmonitor.api;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.compliance.SettingValues;

/**
 * Where and how alert events are pushed to a webhook. Immutable; read from the {@code tip.alerts.webhook.*} keys
 * of the instance's configuration file. No URL, no webhook.
 *
 * @param url            the receiver; every alert event is POSTed there as the alert's JSON
 * @param maxAttempts    attempts per event before it is given up (logged with the alert id); default 8
 * @param initialBackoff wait after the first failed attempt, doubled after each further one; default 0.5 s
 * @param maxBackoff     the longest wait between attempts; default 30 s
 * @param queueCapacity  events waiting for delivery before new ones are dropped (logged); default 1000
 * @param requestTimeout how long one attempt may take; default 10 s
 */
public record WebhookConfig(URI url, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                            int queueCapacity, Duration requestTimeout) {

    public static final String URL = "tip.alerts.webhook.url";
    public static final String MAX_ATTEMPTS = "tip.alerts.webhook.max-attempts";
    public static final String INITIAL_BACKOFF = "tip.alerts.webhook.initial-backoff";
    public static final String MAX_BACKOFF = "tip.alerts.webhook.max-backoff";
    public static final String QUEUE_CAPACITY = "tip.alerts.webhook.queue-capacity";
    public static final String REQUEST_TIMEOUT = "tip.alerts.webhook.request-timeout";

    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public WebhookConfig {
        Objects.requireNonNull(url, URL);
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException(URL + ": must be an http:// or https:// URL, not " + url);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + ": must be at least 1, was " + maxAttempts);
        }
        requirePositive(INITIAL_BACKOFF, initialBackoff);
        requirePositive(MAX_BACKOFF, maxBackoff);
        requirePositive(REQUEST_TIMEOUT, requestTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(MAX_BACKOFF + " (" + maxBackoff + ") is shorter than "
                + INITIAL_BACKOFF + " (" + initialBackoff + ")");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(QUEUE_CAPACITY + ": must be at least 1, was " + queueCapacity);
        }
    }

    /** A webhook to {@code url} with the default retry settings. */
    public static WebhookConfig to(final URI url) {
        return new WebhookConfig(url, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
            DEFAULT_QUEUE_CAPACITY, DEFAULT_REQUEST_TIMEOUT);
    }

    /** The webhook the properties configure; empty when {@value #URL} is absent or blank. */
    public static Optional<WebhookConfig> from(final Map<String, ?> properties) {
        final Object url = properties.get(URL);
        if (url == null || url.toString().isBlank()) {
            return Optional.empty();
        }
        final URI uri;
        try {
            uri = URI.create(url.toString().trim());
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + ": not a URL: " + url, e);
        }
        return Optional.of(new WebhookConfig(uri,
            SettingValues.integer(properties, MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS),
            SettingValues.duration(properties, INITIAL_BACKOFF, DEFAULT_INITIAL_BACKOFF),
            SettingValues.duration(properties, MAX_BACKOFF, DEFAULT_MAX_BACKOFF),
            SettingValues.integer(properties, QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY),
            SettingValues.duration(properties, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT)));
    }

    /** The wait before attempt {@code attempt + 1} after {@code attempt} failed ones (1-based): doubling, capped. */
    public Duration backoffAfter(final int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static void requirePositive(final String key, final Duration value) {
        Objects.requireNonNull(value, key);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, was " + value);
        }
    }
}
