package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * The bearer tokens of the submission gateway, each standing for one reporter. Read from a JSON file:
 * <pre>{"tokens": [{"token": "...", "reporterType": "STATE", "country": "FRA", "organisation": "..."}]}</pre>
 * {@code country} is required for STATE, CIVIL_SOCIETY and NHRI reporters and is UNODC for UNODC; organisation is
 * optional. Immutable.
 */
public final class GatewayTokens {

    /** What a token entitles its holder to: submissions as this reporter, and no other. */
    public record Grant(ReporterType reporterType, String country, String organisation) {
    }

    private record Entry(byte[] token, Grant grant) {
    }

    private final List<Entry> entries;

    private GatewayTokens(final List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static GatewayTokens load(final Path file) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read the gateway tokens file " + file, e);
        }
        try {
            return parse(text);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("Gateway tokens file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the entry at fault: not JSON, a missing or repeated token, an unknown
     *     reporter type, a State reporter without a country
     */
    public static GatewayTokens parse(final String json) {
        final JsonNode root;
        try {
            root = AvroJson.parse(json);
        } catch (final AvroJsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        final JsonNode tokens = root.path("tokens");
        if (!tokens.isArray()) {
            throw new IllegalArgumentException("expected {\"tokens\": [...]}");
        }
        final List<Entry> entries = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            final JsonNode node = tokens.get(i);
            final String where = "tokens[" + i + "]";
            final String token = text(node, "token");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException(where + ".token is required");
            }
            if (!seen.add(token)) {
                throw new IllegalArgumentException(where + ".token is the same as an earlier entry's");
            }
            entries.add(new Entry(token.getBytes(StandardCharsets.UTF_8), grant(node, where)));
        }
        return new GatewayTokens(entries);
    }

    private static Grant grant(final JsonNode node, final String where) {
        final String rawType = text(node, "reporterType");
        final ReporterType type;
        try {
            type = ReporterType.valueOf(rawType == null ? "" : rawType.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".reporterType: unknown value \"" + rawType
                + "\"; expected one of " + ApiParams.TRACKED_REPORTER_TYPES, e);
        }
        final String rawCountry = text(node, "country");
        final String country = rawCountry == null || rawCountry.isBlank()
            ? null : rawCountry.trim().toUpperCase(Locale.ROOT);
        if (type == ReporterType.UNODC) {
            if (country != null && !Addressing.UNODC_COUNTRY.equals(country)) {
                throw new IllegalArgumentException(where + ".country must be empty or UNODC for a UNODC token");
            }
            return new Grant(type, Addressing.UNODC_COUNTRY, text(node, "organisation"));
        }
        if (!Addressing.reportsOnStates(type)) {
            throw new IllegalArgumentException(where + ".reporterType " + type + " cannot submit");
        }
        if (country == null) {
            throw new IllegalArgumentException(where + ".country is required for a " + type + " token");
        }
        return new Grant(type, country, text(node, "organisation"));
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * The grant of a presented token. Compares against every token in constant time, so response timing does not
     * reveal how much of a guess matched.
     */
    public Optional<Grant> find(final String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        final byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        Grant found = null;
        for (final Entry entry : entries) {
            if (MessageDigest.isEqual(entry.token(), presented) && found == null) {
                found = entry.grant();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }
}
