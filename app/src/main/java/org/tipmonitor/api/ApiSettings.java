package org.tipmonitor.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.tipmonitor.compliance.SettingValues;

/**
 * How the HTTP API protects itself. Immutable; read from the {@code tip.api.*} keys of the instance's
 * configuration file, every key optional.
 *
 * @param internalSecret     the secret instances present to each other on {@code /internal/v1/...}
 *                           ({@value #INTERNAL_SECRET}); empty: a random one, so this instance answers no other
 * @param readAuth           whether the read endpoints need a bearer token too ({@value #READ_AUTH}, default false)
 * @param maxBodyBytes       largest request body ({@value #MAX_BODY_BYTES}, default 1 MiB); larger: 413
 * @param maxResponses       responses per submission ({@value #MAX_RESPONSES}, default 200); more: 400
 * @param maxTextChars       longest free-text value of a submission ({@value #MAX_TEXT_CHARS}, default 10,000)
 * @param maxJsonDepth       deepest nesting of a JSON body ({@value #MAX_JSON_DEPTH}, default 16)
 * @param requestsPerMinute  requests per token and minute ({@value #REQUESTS_PER_MINUTE}, default 120); more: 429
 * @param corsOrigins        origins allowed cross-origin requests ({@value #CORS_ORIGINS}, comma-separated);
 *                           default none: no CORS headers at all
 * @param internalPort       a port of its own for {@code /internal/v1/...} ({@value #INTERNAL_PORT}; 0 picks a free
 *                           one), which instances then advertise to each other; empty, the default: the API's port.
 *                           Lets an operator keep the instances' channel off the public network
 */
public record ApiSettings(Optional<String> internalSecret, boolean readAuth, int maxBodyBytes, int maxResponses,
                          int maxTextChars, int maxJsonDepth, int requestsPerMinute, List<String> corsOrigins,
                          OptionalInt internalPort) {

    public static final String INTERNAL_SECRET = "tip.api.internal-secret";
    public static final String READ_AUTH = "tip.api.read-auth";
    public static final String MAX_BODY_BYTES = "tip.api.max-body-bytes";
    public static final String MAX_RESPONSES = "tip.api.max-responses";
    public static final String MAX_TEXT_CHARS = "tip.api.max-text-chars";
    public static final String MAX_JSON_DEPTH = "tip.api.max-json-depth";
    public static final String REQUESTS_PER_MINUTE = "tip.api.requests-per-minute";
    public static final String CORS_ORIGINS = "tip.api.cors-origins";
    public static final String INTERNAL_PORT = "tip.api.internal-port";

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_RESPONSES = 200;
    public static final int DEFAULT_MAX_TEXT_CHARS = 10_000;
    public static final int DEFAULT_MAX_JSON_DEPTH = 16;
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 120;
    /** Short secrets can be guessed; 16 characters of a random string are about 96 bits. */
    static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_PORT = 65_535;

    public ApiSettings {
        internalSecret = internalSecret.filter(secret -> !secret.isBlank());
        internalSecret.ifPresent(secret -> {
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(INTERNAL_SECRET + ": at least " + MIN_SECRET_LENGTH
                    + " characters, not " + secret.length());
            }
        });
        requireAtLeast(MAX_BODY_BYTES, maxBodyBytes, 1024);
        requireAtLeast(MAX_RESPONSES, maxResponses, 1);
        requireAtLeast(MAX_TEXT_CHARS, maxTextChars, 1);
        requireAtLeast(MAX_JSON_DEPTH, maxJsonDepth, 4);
        requireAtLeast(REQUESTS_PER_MINUTE, requestsPerMinute, 1);
        corsOrigins = List.copyOf(corsOrigins);
        internalPort.ifPresent(port -> {
            if (port < 0 || port > MAX_PORT) {
                throw new IllegalArgumentException(INTERNAL_PORT + ": a port from 0 to " + MAX_PORT + ", not " + port);
            }
        });
    }

    /** Every default: a random internal secret, public reads, no CORS. */
    public static ApiSettings defaults() {
        return from(Map.of());
    }

    public static ApiSettings from(final Map<String, ?> properties) {
        final Object secret = properties.get(INTERNAL_SECRET);
        final Object readAuth = properties.get(READ_AUTH);
        final Object cors = properties.get(CORS_ORIGINS);
        return new ApiSettings(Optional.ofNullable(secret).map(Object::toString).map(String::trim),
            readAuth != null && Boolean.parseBoolean(readAuth.toString().trim()),
            SettingValues.integer(properties, MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
            SettingValues.integer(properties, MAX_RESPONSES, DEFAULT_MAX_RESPONSES),
            SettingValues.integer(properties, MAX_TEXT_CHARS, DEFAULT_MAX_TEXT_CHARS),
            SettingValues.integer(properties, MAX_JSON_DEPTH, DEFAULT_MAX_JSON_DEPTH),
            SettingValues.integer(properties, REQUESTS_PER_MINUTE, DEFAULT_REQUESTS_PER_MINUTE),
            cors == null ? List.of() : Arrays.stream(cors.toString().split(","))
                .map(String::trim).filter(origin -> !origin.isEmpty()).toList(),
            properties.containsKey(INTERNAL_PORT)
                ? OptionalInt.of(SettingValues.integer(properties, INTERNAL_PORT, 0)) : OptionalInt.empty());
    }

    public ApiSettings withInternalSecret(final String secret) {
        return new ApiSettings(Optional.of(secret), readAuth, maxBodyBytes, maxResponses, maxTextChars,
            maxJsonDepth, requestsPerMinute, corsOrigins, internalPort);
    }

    public ApiSettings withReadAuth(final boolean value) {
        return new ApiSettings(internalSecret, value, maxBodyBytes, maxResponses, maxTextChars, maxJsonDepth,
            requestsPerMinute, corsOrigins, internalPort);
    }

    public ApiSettings withRequestsPerMinute(final int value) {
        return new ApiSettings(internalSecret, readAuth, maxBodyBytes, maxResponses, maxTextChars, maxJsonDepth,
            value, corsOrigins, internalPort);
    }

    private static void requireAtLeast(final String key, final int value, final int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(key + ": at least " + minimum + ", not " + value);
        }
    }
}
