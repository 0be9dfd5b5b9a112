package org.tipmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tipmonitor.api.GatewayTokens;
import org.tipmonitor.api.InternalSecret;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.json.AvroJson;

/**
 * A gateway token the demo makes up for one of its reporters at start: random, valid for the run, printed in the
 * banner, and stored only as its hash. No token is ever shipped in the jar.
 *
 * @param label e.g. {@code STATE FRA}
 */
record DemoToken(String label, String token, GatewayTokens.Grant grant) {

    static final String FILE_NAME = "tokens.json";

    /** One fresh token per reporter of the demo's reporter list. */
    static List<DemoToken> reporters() {
        final JsonNode root;
        try (InputStream in = DemoToken.class.getClassLoader().getResourceAsStream(DemoCommand.REPORTERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + DemoCommand.REPORTERS_RESOURCE + " is missing");
            }
            root = AvroJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<DemoToken> tokens = new ArrayList<>();
        for (final JsonNode reporter : root.path("reporters")) {
            final ReporterType type = ReporterType.valueOf(reporter.path("reporterType").asText());
            final String country = type == ReporterType.UNODC ? "UNODC" : reporter.path("country").asText();
            final GatewayTokens.Grant grant = new GatewayTokens.Grant(type, country,
                reporter.path("organisation").asText(null));
            tokens.add(new DemoToken(type == ReporterType.UNODC ? "UNODC" : type + " " + country,
                InternalSecret.randomToken(), grant));
        }
        return tokens;
    }

    /** Writes the hashes of the tokens as a tokens file in {@code dir}; returns its path. */
    static Path write(final List<DemoToken> tokens, final Path dir) {
        final List<ObjectNode> entries = tokens.stream()
            .map(token -> GatewayTokens.entryJson(token.token(), token.grant(), null)).toList();
        final Path file = dir.resolve(FILE_NAME);
        try {
            Files.writeString(file, GatewayTokens.fileJson(entries), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    @Override
    public String toString() {
        return "DemoToken[" + label + "]";
    }
}
