package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.api.GatewayTokens;
import org.tipmonitor.avro.ReporterType;

class TokenCommandTest {

    @Test
    void createPrintsANewTokenOnceAndTheFileKeepsOnlyItsHash(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("tokens.json");
        final TipMonitorTest.Run first = TipMonitorTest.run("token", "create", "--country", "fra", "--type", "STATE",
            "--organisation", "MinInt", "--file", file.toString());
        final TipMonitorTest.Run second = TipMonitorTest.run("token", "create", "--type", "UNODC", "--expires",
            "2027-01-01T00:00:00Z", "--file", file.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        final String fra = first.out().trim();
        final String unodc = second.out().trim();
        assertThat(fra).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(unodc);
        final String stored = Files.readString(file);
        assertThat(stored).doesNotContain(fra).doesNotContain(unodc).contains(GatewayTokens.sha256Hex(fra));
        final GatewayTokens tokens = GatewayTokens.load(file);
        final Instant now = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(tokens.find(fra, now)).contains(new GatewayTokens.Grant(ReporterType.STATE, "FRA", "MinInt"));
        assertThat(tokens.find(unodc, now)).map(GatewayTokens.Grant::reporterType).contains(ReporterType.UNODC);
        assertThat(tokens.find(unodc, Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aStateTokenWithoutACountryIsABadUsageAndTheFileIsUntouched(@TempDir final Path dir) {
        final Path file = dir.resolve("tokens.json");
        final TipMonitorTest.Run run = TipMonitorTest.run("token", "create", "--file", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("country is required");
        assertThat(run.out()).isEmpty();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void theDemoMakesUpOneUsableTokenPerReporterAndStoresOnlyHashes(@TempDir final Path dir) throws Exception {
        final List<DemoToken> tokens = DemoToken.reporters();
        final Path file = DemoToken.write(tokens, dir);
        final String stored = Files.readString(file);
        final GatewayTokens loaded = GatewayTokens.load(file);
        assertThat(tokens).extracting(DemoToken::label).contains("STATE FRA", "CIVIL_SOCIETY NGA", "UNODC");
        for (final DemoToken token : tokens) {
            assertThat(stored).doesNotContain(token.token());
            assertThat(loaded.find(token.token(), Instant.now())).contains(token.grant());
        }
    }
}
