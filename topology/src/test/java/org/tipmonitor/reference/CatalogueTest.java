package org.tipmonitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.json.AvroJson;

class CatalogueTest {

    private static Catalogue catalogue;

    @BeforeAll
    static void load() {
        catalogue = Catalogue.load();
    }

    @Test
    void holdsTheFortyFourRecommendationsInParagraphOrder() {
        assertThat(catalogue.size()).isEqualTo(44);
        assertThat(catalogue.recommendations()).extracting(Recommendation::getParagraph)
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(catalogue.about()).contains("para 45");
        assertThat(catalogue.source()).contains("6 to 8 November 2013");
    }

    @Test
    void findsById() {
        final Recommendation consent = catalogue.find("2013.10").orElseThrow();

        assertThat(consent.getParagraph()).isEqualTo(10);
        assertThat(consent.getForce()).isEqualTo(Force.SHOULD_CONSIDER);
        assertThat(consent.getThemes()).contains(Theme.CONSENT);
        assertThat(catalogue.find("2013.4")).isEmpty();
        assertThat(catalogue.find("2013.49")).isEmpty();
        assertThat(catalogue.contains("2013.48")).isTrue();
        assertThat(catalogue.contains("2013.49")).isFalse();
    }

    @Test
    void knowsWhomEachRecommendationAddresses() {
        assertThat(catalogue.isAddressedTo("2013.37", Addressee.UNODC)).isTrue();
        assertThat(catalogue.isAddressedTo("2013.37", Addressee.STATES_PARTIES)).isTrue();
        assertThat(catalogue.isAddressedTo("2013.6", Addressee.STATES_PARTIES)).isFalse();
        assertThat(catalogue.isAddressedTo("2013.99", Addressee.UNODC)).isFalse();
    }

    @Test
    void handsOutCopiesSoTheCatalogueCannotBeChanged() {
        final Recommendation found = catalogue.find("2013.22").orElseThrow();
        found.setForce(Force.MAY_CONSIDER);
        found.getThemes().clear();
        catalogue.recommendations().get(0).setTextZh("changed");

        final Recommendation again = catalogue.find("2013.22").orElseThrow();
        assertThat(again.getForce()).isEqualTo(Force.SHOULD_CONSIDER);
        assertThat(again.getThemes()).contains(Theme.RECRUITMENT_AGENCIES);
        assertThat(catalogue.recommendations().get(0).getTextZh()).startsWith("缔约各国应当承认民间社会");
        assertThatThrownBy(() -> catalogue.recommendations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void summaryCountsSectionsAddresseesForcesAndThemes() {
        final CatalogueSummary summary = catalogue.summary();

        assertThat(summary.total()).isEqualTo(44);
        // Section ranges from the report: A 5-9, B 10-15, C 16-37, D 38-44, E 45-48.
        assertThat(summary.bySection()).containsExactly(
                entry("2013 A", 5), entry("2013 B", 6), entry("2013 C", 22), entry("2013 D", 7), entry("2013 E", 4));
        assertThat(summary.byAddressee().get(Addressee.UNODC)).isEqualTo(4);
        assertThat(summary.byAddressee().get(Addressee.SECRETARIAT)).isEqualTo(1);
        assertThat(summary.byAddressee().get(Addressee.CONFERENCE_OF_THE_PARTIES)).isEqualTo(2);
        assertThat(summary.byAddressee().get(Addressee.OTHER)).isZero();
        // Para 37 is addressed to two, every other paragraph to one.
        assertThat(summary.byAddressee().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(45);
        assertThat(summary.byForce().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(44);
        assertThat(summary.byForce().get(Force.REQUESTS)).isEqualTo(1);
        assertThat(summary.byForce().get(Force.RECOMMENDS)).isEqualTo(3);
        assertThat(summary.byTheme().get(Theme.FOLLOW_UP)).isGreaterThanOrEqualTo(4);
        assertThat(summary.byTheme()).containsKeys(Theme.values());
        final long themed = catalogue.recommendations().stream().mapToLong(r -> r.getThemes().size()).sum();
        assertThat(summary.byTheme().values().stream().mapToLong(Integer::longValue).sum()).isEqualTo(themed);
    }

    @Test
    void summaryPrintsATable() {
        final String table = catalogue.summary().toTable();

        assertThat(table).startsWith("Recommendations: 44\n")
                .contains("2013 A      5  General recommendations")
                .containsPattern("\\n  SECRETARIAT +1\\n")
                .containsPattern("\\n  RECOMMENDS +3\\n")
                .containsPattern("\\n  NON_PUNISHMENT +1\\n");
        assertThat(catalogue.summary()).hasToString(table);
    }

    @Test
    void entryThatDoesNotFitTheSchemaIsNamedWithItsPath() {
        assertThatThrownBy(() -> parseWith(entries -> entry(entries, 3).put("force", "MUST")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageStartingWith("recommendations catalogue: recommendations[3].force: unknown value \"MUST\"; "
                        + "expected one of SHOULD, SHOULD_CONSIDER");
    }

    @Test
    void duplicateIdIsRejected() {
        assertThatThrownBy(() -> parseWith(entries -> entries.add(entry(entries, 1).deepCopy())))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("recommendations catalogue: recommendations[44] (2013.6): duplicate id; "
                        + "first used by recommendations[1]");
    }

    @Test
    void idMustMatchSessionAndParagraph() {
        assertThatThrownBy(() -> parseWith(entries -> entry(entries, 2).put("paragraph", 70)))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("recommendations catalogue: recommendations[2] (2013.7): id does not match session 2013 "
                        + "and paragraph 70; expected 2013.70");
    }

    @Test
    void everyRecommendationAddressesSomeone() {
        assertThatThrownBy(() -> parseWith(entries -> entry(entries, 0).putArray("addressees")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("recommendations[0] (2013.5): addressees is empty");
    }

    @Test
    void forceMustBeStated() {
        assertThatThrownBy(() -> parseWith(entries -> entry(entries, 0).put("force", "UNKNOWN")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("recommendations[0] (2013.5): force is UNKNOWN");
    }

    @Test
    void missingSummaryIsNamed() {
        assertThatThrownBy(() -> parseWith(entries -> entry(entries, 5).remove("summaryEn")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessage("recommendations catalogue: recommendations[5].summaryEn: missing required field; "
                        + "expected a string");
    }

    @Test
    void parsesFilesInAnyOrderAndSortsThem() throws IOException {
        final Catalogue reversed = parseWith(entries -> {
            final List<ObjectNode> copies = new java.util.ArrayList<>();
            entries.forEach(node -> copies.add((ObjectNode) node.deepCopy()));
            entries.removeAll();
            for (int i = copies.size() - 1; i >= 0; i--) {
                entries.add(copies.get(i));
            }
        });

        assertThat(reversed.recommendations()).extracting(Recommendation::getId)
                .containsExactlyElementsOf(catalogue.recommendations().stream().map(Recommendation::getId).toList());
    }

    @Test
    void notJsonIsReported() {
        assertThatThrownBy(() -> Catalogue.parse(stream("{\"recommendations\": [")))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageStartingWith("recommendations catalogue: not readable JSON");
    }

    private static java.util.Map.Entry<String, Integer> entry(final String key, final int value) {
        return java.util.Map.entry(key, value);
    }

    private static ObjectNode entry(final ArrayNode entries, final int index) {
        return (ObjectNode) entries.get(index);
    }

    /** Parses the shipped catalogue after one change to its entries. */
    private static Catalogue parseWith(final Consumer<ArrayNode> change) throws IOException {
        final ObjectNode root;
        try (InputStream in = CatalogueTest.class.getClassLoader().getResourceAsStream(Catalogue.RESOURCE)) {
            root = (ObjectNode) AvroJson.mapper().readTree(in);
        }
        change.accept((ArrayNode) root.get("recommendations"));
        return Catalogue.parse(stream(AvroJson.mapper().writeValueAsString(root)));
    }

    private static InputStream stream(final String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
