package org.tipmonitor.api;

import java.time.Instant;
import java.util.Arrays;

/** Tokens files for tests, in the hashed form the gateway reads. */
public final class TestTokens {

    private TestTokens() {
    }

    /** One entry of a tokens file: the token's SHA-256 and its reporter. */
    public static String entry(final String token, final String reporterType, final String country) {
        return entry(token, reporterType, country, null, null);
    }

    public static String entry(final String token, final String reporterType, final String country,
                               final String organisation, final Instant expiresAt) {
        return "{\"sha256\": \"" + GatewayTokens.sha256Hex(token) + "\", \"reporterType\": \"" + reporterType + "\""
            + (country == null ? "" : ", \"country\": \"" + country + "\"")
            + (organisation == null ? "" : ", \"organisation\": \"" + organisation + "\"")
            + (expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"") + "}";
    }

    /** A whole tokens file of these entries. */
    public static String file(final String... entries) {
        return "{\"tokens\": [" + String.join(",", Arrays.asList(entries)) + "]}";
    }

    /** The tokens of a file's text as the gateway uses them, at the given instant. */
    public static BearerTokens at(final String fileJson, final Instant now) {
        final GatewayTokens tokens = GatewayTokens.parse(fileJson);
        return token -> tokens.find(token, now);
    }
}
