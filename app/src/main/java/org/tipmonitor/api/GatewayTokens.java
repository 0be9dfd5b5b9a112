package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * The bearer tokens of the gateway, each standing for one reporter, as the tokens file holds them: the SHA-256 of
 * each token (never the token itself), its reporter and an optional expiry:
 * <pre>{"tokens": [{"sha256": "64 hex digits", "reporterType": "STATE", "country": "FRA",
 *   "organisation": "...", "expiresAt": "2027-01-01T00:00:00Z"}]}</pre>
 * {@code country} is required for STATE, CIVIL_SOCIETY and NHRI reporters and is UNODC for UNODC; organisation and
 * expiresAt are optional. A file holding a clear-text {@code "token"} is refused: whoever reads it could submit as
 * every reporter in it. Tokens are 256-bit random strings ({@code tip-monitor token create}), so an unsalted hash
 * is enough: there is no dictionary to try. Immutable.
 */
public final class GatewayTokens {

    /** What a token entitles its holder to: submissions as this reporter, and no other. */
    public record Grant(ReporterType reporterType, String country, String organisation) {
    }

    /** One line of the file. */
    public record Entry(byte[] sha256, Grant grant, Instant expiresAt) {
    }

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

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
     * @throws IllegalArgumentException naming the entry at fault: not JSON, a clear-text token, a missing or repeated
     *     hash, an unknown reporter type, a State reporter without a country, an expiry that is not an instant
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
            if (node.has("token")) {
                throw new IllegalArgumentException(where + " holds a clear-text token; the file must hold only"
                    + " SHA-256 hashes (\"sha256\"): create tokens with `tip-monitor token create`, or replace"
                    + " \"token\": T by \"sha256\": the hex SHA-256 of T");
            }
            final String hash = text(node, "sha256");
            if (hash == null || !SHA256_HEX.matcher(hash.trim().toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException(where + ".sha256 is required: 64 hex digits");
            }
            final String normalised = hash.trim().toLowerCase(Locale.ROOT);
            if (!seen.add(normalised)) {
                throw new IllegalArgumentException(where + ".sha256 is the same as an earlier entry's");
            }
            entries.add(new Entry(HexFormat.of().parseHex(normalised), grant(node, where), expiry(node, where)));
        }
        return new GatewayTokens(entries);
    }

    private static Instant expiry(final JsonNode node, final String where) {
        final String raw = text(node, "expiresAt");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(where + ".expiresAt: not an ISO-8601 instant: " + raw, e);
        }
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

    /** The hex SHA-256 of a token, as the file stores it. */
    public static String sha256Hex(final String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The grant of a presented token at an instant: its hash is compared with every entry's in constant time, so
     * the answer's timing does not tell how much of a guess matched, nor which entry did.
     */
    public Optional<Grant> find(final String token, final Instant now) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        final byte[] presented = sha256(token);
        Entry found = null;
        for (final Entry entry : entries) {
            if (MessageDigest.isEqual(entry.sha256(), presented) && found == null) {
                found = entry;
            }
        }
        if (found == null || found.expiresAt() != null && !now.isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.grant());
    }

    public int size() {
        return entries.size();
    }

    /** A file entry for a token: what {@code tip-monitor token create} appends. */
    public static ObjectNode entryJson(final String token, final Grant grant, final Instant expiresAt) {
        final ObjectNode entry = AvroJson.mapper().createObjectNode()
            .put("sha256", sha256Hex(token))
            .put("reporterType", grant.reporterType().name())
            .put("country", grant.country());
        if (grant.organisation() != null) {
            entry.put("organisation", grant.organisation());
        }
        if (expiresAt != null) {
            entry.put("expiresAt", expiresAt.toString());
        }
        return entry;
    }

    /** A whole tokens file holding these entries. */
    public static String fileJson(final List<ObjectNode> entries) {
        final ObjectNode root = AvroJson.mapper().createObjectNode();
        final ArrayNode array = root.putArray("tokens");
        entries.forEach(array::add);
        try {
            return AvroJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (final com.fasterxml.jackson.core.JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException("could not write a JSON tree", cannotHappenForATree);
        }
    }
}
