package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipmonitor.api.TestTokens.entry;
import static org.tipmonitor.api.TestTokens.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ReporterType;

class GatewayTokensTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void mapsEachTokenToItsReporterAndNothingElse() {
        final GatewayTokens tokens = GatewayTokens.parse(file(
            entry("t-fra", "STATE", "fra", "MinInt", null),
            entry("t-cso", "civil_society", "NGA"),
            entry("t-unodc", "UNODC", null)));

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.find("t-fra", NOW)).contains(new GatewayTokens.Grant(ReporterType.STATE, "FRA", "MinInt"));
        assertThat(tokens.find("t-cso", NOW)).contains(new GatewayTokens.Grant(ReporterType.CIVIL_SOCIETY, "NGA", null));
        assertThat(tokens.find("t-unodc", NOW)).contains(new GatewayTokens.Grant(ReporterType.UNODC, "UNODC", null));
        assertThat(tokens.find("t-fr", NOW)).isEmpty();
        assertThat(tokens.find("t-fra ", NOW)).isEmpty();
        assertThat(tokens.find("", NOW)).isEmpty();
        assertThat(tokens.find(null, NOW)).isEmpty();
        // The hash itself is not a token: whoever reads the file cannot submit with what it holds.
        assertThat(tokens.find(GatewayTokens.sha256Hex("t-fra"), NOW)).isEmpty();
    }

    @Test
    void aClearTextTokenIsRefusedWithAMessageSayingHowToFixIt(@TempDir final Path dir) throws IOException {
        final Path clear = Files.writeString(dir.resolve("tokens.json"),
            "{\"tokens\": [{\"token\": \"demo-state-fra\", \"reporterType\": \"STATE\", \"country\": \"FRA\"}]}");

        assertThatThrownBy(() -> TokenFile.open(clear, Clock.systemUTC()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(clear.toString())
            .hasMessageContaining("tokens[0] holds a clear-text token")
            .hasMessageContaining("tip-monitor token create")
            .hasMessageNotContaining("demo-state-fra");
    }

    @Test
    void anExpiredTokenGrantsNothing() {
        final GatewayTokens tokens = GatewayTokens.parse(file(
            entry("t-fra", "STATE", "FRA", null, NOW.plusSeconds(60))));

        assertThat(tokens.find("t-fra", NOW)).isPresent();
        assertThat(tokens.find("t-fra", NOW.plusSeconds(60))).isEmpty();
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"sha256\": \""
            + GatewayTokens.sha256Hex("x") + "\", \"reporterType\": \"STATE\", \"country\": \"FRA\","
            + " \"expiresAt\": \"next week\"}]}"))
            .hasMessageContaining("tokens[0].expiresAt: not an ISO-8601 instant");
    }

    @Test
    void aChangedFileIsPickedUpWithoutRestartAndABrokenChangeKeepsTheTokensInForce(@TempDir final Path dir)
        throws Exception {
        final Path path = dir.resolve("tokens.json");
        Files.writeString(path, file(entry("old", "STATE", "FRA")), StandardCharsets.UTF_8);
        final TokenFile tokens = TokenFile.open(path, Clock.systemUTC());
        assertThat(tokens.find("old")).isPresent();

        // Rotation: the new token replaces the old one.
        Files.writeString(path, file(entry("new", "STATE", "FRA")), StandardCharsets.UTF_8);
        awaitUntil(() -> tokens.find("new").isPresent());
        assertThat(tokens.find("old")).isEmpty();

        // A typo in the next change: the tokens in force stay.
        Files.writeString(path, "{\"tokens\": [", StandardCharsets.UTF_8);
        Thread.sleep(TokenFile.RECHECK.toMillis() + 200);
        assertThat(tokens.find("new")).isPresent();
    }

    @Test
    void refusesFilesThatWouldGrantSomethingUnclear() {
        assertThatThrownBy(() -> GatewayTokens.parse(file("{\"reporterType\": \"STATE\", \"country\": \"FRA\"}")))
            .hasMessageContaining("tokens[0].sha256 is required");
        assertThatThrownBy(() -> GatewayTokens.parse(file("{\"sha256\": \"abc\", \"reporterType\": \"STATE\","
            + " \"country\": \"FRA\"}")))
            .hasMessageContaining("tokens[0].sha256 is required: 64 hex digits");
        assertThatThrownBy(() -> GatewayTokens.parse(file(entry("a", "STATE", "FRA"), entry("a", "STATE", "DEU"))))
            .hasMessageContaining("tokens[1].sha256 is the same");
        assertThatThrownBy(() -> GatewayTokens.parse(file(entry("a", "STATE", null))))
            .hasMessageContaining("tokens[0].country is required for a STATE token");
        assertThatThrownBy(() -> GatewayTokens.parse(file(entry("a", "KING", null))))
            .hasMessageContaining("tokens[0].reporterType: unknown value \"KING\"");
        assertThatThrownBy(() -> GatewayTokens.parse(file(entry("a", "OTHER", "FRA"))))
            .hasMessageContaining("cannot submit");
        assertThatThrownBy(() -> GatewayTokens.parse(file(entry("a", "UNODC", "FRA"))))
            .hasMessageContaining("empty or UNODC");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": {}}")).hasMessageContaining("expected {\"tokens\"");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [")).hasMessageContaining("not valid JSON");
    }

    private static void awaitUntil(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
