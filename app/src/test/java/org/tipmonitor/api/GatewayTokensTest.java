package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ReporterType;

class GatewayTokensTest {

    @Test
    void mapsEachTokenToItsReporterAndNothingElse() {
        final GatewayTokens tokens = GatewayTokens.parse("{\"tokens\": ["
            + "{\"token\": \"t-fra\", \"reporterType\": \"STATE\", \"country\": \"fra\", \"organisation\": \"MinInt\"},"
            + "{\"token\": \"t-cso\", \"reporterType\": \"civil_society\", \"country\": \"NGA\"},"
            + "{\"token\": \"t-unodc\", \"reporterType\": \"UNODC\"}]}");

        assertThat(tokens.size()).isEqualTo(3);
        assertThat(tokens.find("t-fra")).contains(new GatewayTokens.Grant(ReporterType.STATE, "FRA", "MinInt"));
        assertThat(tokens.find("t-cso")).contains(new GatewayTokens.Grant(ReporterType.CIVIL_SOCIETY, "NGA", null));
        assertThat(tokens.find("t-unodc")).contains(new GatewayTokens.Grant(ReporterType.UNODC, "UNODC", null));
        assertThat(tokens.find("t-fr")).isEmpty();
        assertThat(tokens.find("t-fra ")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(tokens.find(null)).isEmpty();
    }

    @Test
    void refusesFilesThatWouldGrantSomethingUnclear() {
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"reporterType\": \"STATE\", \"country\": \"FRA\"}]}"))
            .hasMessageContaining("tokens[0].token is required");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": ["
            + "{\"token\": \"a\", \"reporterType\": \"STATE\", \"country\": \"FRA\"},"
            + "{\"token\": \"a\", \"reporterType\": \"STATE\", \"country\": \"DEU\"}]}"))
            .hasMessageContaining("tokens[1].token is the same");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"token\": \"a\", \"reporterType\": \"STATE\"}]}"))
            .hasMessageContaining("tokens[0].country is required for a STATE token");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"token\": \"a\", \"reporterType\": \"KING\"}]}"))
            .hasMessageContaining("tokens[0].reporterType: unknown value \"KING\"");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"token\": \"a\", \"reporterType\": \"OTHER\","
            + " \"country\": \"FRA\"}]}"))
            .hasMessageContaining("cannot submit");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [{\"token\": \"a\", \"reporterType\": \"UNODC\","
            + " \"country\": \"FRA\"}]}"))
            .hasMessageContaining("empty or UNODC");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": {}}")).hasMessageContaining("expected {\"tokens\"");
        assertThatThrownBy(() -> GatewayTokens.parse("{\"tokens\": [")).hasMessageContaining("not valid JSON");
    }

    @Test
    void theDemoTokensFileLoadsWithStatesACivilSocietyOrganisationAndUnodc() throws URISyntaxException {
        final Path demo = Path.of(Objects.requireNonNull(
            getClass().getClassLoader().getResource("demo/tokens.json")).toURI());
        final GatewayTokens tokens = GatewayTokens.load(demo);

        assertThat(tokens.find("demo-state-fra")).map(GatewayTokens.Grant::country).contains("FRA");
        assertThat(tokens.find("demo-cso-nga")).map(GatewayTokens.Grant::reporterType)
            .contains(ReporterType.CIVIL_SOCIETY);
        assertThat(tokens.find("demo-unodc")).map(GatewayTokens.Grant::country).contains("UNODC");
    }
}
