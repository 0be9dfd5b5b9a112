package org.tipmonitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.json.AvroJson;

class CountriesTest {

    private static final String SAMPLE = "reference/countries-sample.json";

    @Test
    void readsEveryEntryInFileOrder() {
        final Countries countries = Countries.fromClasspath(SAMPLE);

        assertThat(countries.size()).isEqualTo(4);
        assertThat(countries.countries()).extracting(Country::getIso3).containsExactly("AUT", "JPN", "IRN", "EUU");
        assertThat(countries.about()).startsWith("Test fixture");
        assertThat(countries.sources().get("regions").asText()).isEqualTo("UN M49");
    }

    @Test
    void countsParties() {
        assertThat(Countries.fromClasspath(SAMPLE).partiesCount()).isEqualTo(3);
    }

    @Test
    void findsByIso3InAnyCase() {
        final Countries countries = Countries.fromClasspath(SAMPLE);

        final Country austria = countries.find("aut").orElseThrow();
        assertThat(austria.getNameZh()).isEqualTo("奥地利");
        assertThat(austria.getSubRegion().getName()).isEqualTo("Western Europe");
        assertThat(austria.getProtocolPartySince()).isEqualTo(LocalDate.of(2005, 11, 15));
        assertThat(countries.contains("irn")).isTrue();
        assertThat(countries.find("XXX")).isEmpty();
        assertThat(countries.contains("XXX")).isFalse();
    }

    @Test
    void readsEntitiesOutsideM49AndDefaults() {
        final Countries countries = Countries.fromClasspath(SAMPLE);

        final Country eu = countries.find("EUU").orElseThrow();
        assertThat(eu.getEntityType()).isEqualTo(EntityType.REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION);
        assertThat(eu.getRegion()).isNull();
        final Country iran = countries.find("IRN").orElseThrow();
        assertThat(iran.getProtocolStatus()).isEqualTo(ProtocolStatus.NONE);
        assertThat(iran.getSource()).isEmpty();
    }

    @Test
    void handsOutCopies() {
        final Countries countries = Countries.fromClasspath(SAMPLE);
        countries.find("AUT").orElseThrow().setNameEn("changed");
        countries.countries().get(0).setNameEn("changed too");
        ((ObjectNode) countries.sources()).put("regions", "changed");

        assertThat(countries.find("AUT").orElseThrow().getNameEn()).isEqualTo("Austria");
        assertThat(countries.sources().get("regions").asText()).isEqualTo("UN M49");
        assertThatThrownBy(() -> countries.countries().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingResourceIsNamed() {
        assertThatThrownBy(() -> Countries.fromClasspath("reference/no-such-file.json"))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("reference/no-such-file.json is not on the classpath");
    }

    @Test
    void invalidEntryIsNamedWithItsPath() {
        assertThatThrownBy(() -> parseSampleWith(root -> entry(root, 1).put("entityType", "STATE")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageStartingWith("country data: countries[1].entityType: unknown value \"STATE\"; expected one of "
                        + "UN_MEMBER_STATE, OBSERVER_STATE");
    }

    @Test
    void duplicateIso3IsRejected() {
        assertThatThrownBy(() -> parseSampleWith(root -> entry(root, 2).put("iso3", "AUT")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: countries[2] (AUT): duplicate iso3; first used by countries[0]");
    }

    @Test
    void malformedIso3IsRejected() {
        assertThatThrownBy(() -> parseSampleWith(root -> entry(root, 0).put("iso3", "at")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: countries[0] (at): iso3 must be three capital letters");
    }

    @Test
    void partyNeedsTheDateItBecameOne() {
        assertThatThrownBy(() -> parseSampleWith(root -> entry(root, 1).putNull("protocolPartySince")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: countries[1] (JPN): protocolStatus is PARTY but protocolPartySince is null");
    }

    @Test
    void nonPartyHasNoPartyDate() {
        assertThatThrownBy(() -> parseSampleWith(root -> entry(root, 2).put("protocolPartySince", "2020-01-01")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: countries[2] (IRN): protocolPartySince is set but protocolStatus is NONE");
    }

    @Test
    void descriptiveTopLevelFieldsAreFree() throws IOException {
        final Countries countries = parseSampleWith(root -> root.put("compiledBy", "someone"));

        assertThat(countries.size()).isEqualTo(4);
    }

    @Test
    void readsTheDateTheFactsHoldFor() throws IOException {
        assertThat(Countries.fromClasspath(SAMPLE).asOf()).contains(LocalDate.of(2024, 12, 31));
        assertThat(parseSampleWith(root -> root.remove("asOf")).asOf()).isEmpty();
        assertThatThrownBy(() -> parseSampleWith(root -> root.put("asOf", "end of 2024")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: asOf \"end of 2024\" is not a date YYYY-MM-DD");
    }

    @Test
    void documentWithoutCountriesIsRejected() {
        assertThatThrownBy(() -> Countries.parse(stream("{\"about\": \"x\"}")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("country data: \"countries\" must be an array");
    }

    private static ObjectNode entry(final ObjectNode root, final int index) {
        return (ObjectNode) ((ArrayNode) root.get("countries")).get(index);
    }

    private static Countries parseSampleWith(final Consumer<ObjectNode> change) throws IOException {
        final ObjectNode root;
        try (InputStream in = CountriesTest.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            root = (ObjectNode) AvroJson.mapper().readTree(in);
        }
        change.accept(root);
        return Countries.parse(stream(AvroJson.mapper().writeValueAsString(root)));
    }

    private static InputStream stream(final String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
