package org.tipmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tipmonitor.api.GatewayTokens;
import org.tipmonitor.api.InternalSecret;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.json.AvroJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tip-monitor token create}: a new gateway token, printed once; the tokens file keeps only its hash. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Manage the gateway's bearer tokens (the tokens file holds only their SHA-256).",
    subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: create");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Make up a new random token for one reporter, add its SHA-256 to the tokens file (created"
            + " if missing) and print the token once on standard output: it is not stored anywhere.",
            "A running instance picks the change up within a second; no restart."})
    static final class Create implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--type", defaultValue = "STATE", paramLabel = "TYPE",
            description = "Reporter type: STATE, CIVIL_SOCIETY, NHRI or UNODC (default: ${DEFAULT-VALUE}).")
        private String type;

        @Option(names = "--country", paramLabel = "ISO3",
            description = "Country the reporter reports on (required except for UNODC).")
        private String country;

        @Option(names = "--organisation", paramLabel = "NAME", description = "Name of the reporting body.")
        private String organisation;

        @Option(names = "--expires", paramLabel = "INSTANT|DURATION",
            description = "Expiry: an instant (2027-01-01T00:00:00Z) or a duration from now (P90D).")
        private String expires;

        @Option(names = "--file", defaultValue = "tokens.json", paramLabel = "FILE",
            description = "The tokens file (default: ${DEFAULT-VALUE}).")
        private Path file;

        @Override
        public Integer call() throws IOException {
            final ReporterType reporterType;
            try {
                reporterType = ReporterType.valueOf(type.trim().toUpperCase(Locale.ROOT));
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--type: unknown reporter type " + type);
            }
            final String token = InternalSecret.randomToken();
            final GatewayTokens.Grant grant = new GatewayTokens.Grant(reporterType,
                country == null ? null : country.trim().toUpperCase(Locale.ROOT), organisation);
            try {
                append(file, GatewayTokens.entryJson(token, grant, expiry()));
            } catch (final IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(token);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("token for " + reporterType + " " + (country == null ? "" : country)
                + " added to " + file + " (hash only); it is shown only this once");
            return 0;
        }

        private Instant expiry() {
            if (expires == null || expires.isBlank()) {
                return null;
            }
            try {
                return expires.trim().startsWith("P")
                    ? Instant.now().plus(Duration.parse(expires.trim())) : Instant.parse(expires.trim());
            } catch (final DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "--expires: not an instant or a duration: "
                    + expires);
            }
        }
    }

    /**
     * Adds an entry to a tokens file, checking the result parses as a whole (so a bad reporter is refused
     * here, not at the next start), and replaces the file atomically: a running instance never reads half a file.
     */
    static void append(final Path file, final ObjectNode entry) throws IOException {
        final List<ObjectNode> entries = new ArrayList<>();
        if (Files.exists(file)) {
            final JsonNode existing = AvroJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            existing.path("tokens").forEach(node -> entries.add((ObjectNode) node));
        }
        entries.add(entry);
        final String json = GatewayTokens.fileJson(entries);
        GatewayTokens.parse(json);
        final Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        final Path temp = Files.createTempFile(absolute.getParent(), ".tokens", ".tmp");
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
