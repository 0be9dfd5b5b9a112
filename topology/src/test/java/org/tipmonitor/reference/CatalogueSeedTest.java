package org.tipmonitor.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;

/**
 * Checks the shipped catalogue against the Chinese original of the 2013 report (a copy of the seed
 * in the test resources), read by {@link SeedReport}, which knows nothing of how the catalogue was made.
 */
class CatalogueSeedTest {

    private static final List<Integer> RECOMMENDATION_PARAGRAPHS =
            IntStream.rangeClosed(5, 48).boxed().collect(Collectors.toList());

    private static SeedReport seed;
    private static List<Recommendation> catalogue;

    @BeforeAll
    static void read() throws IOException {
        seed = SeedReport.load();
        catalogue = Catalogue.load().recommendations();
    }

    @Test
    void seedParserFindsParagraphs5To48OnceEach() {
        assertThat(seed.occurrences().keySet()).containsExactlyElementsOf(RECOMMENDATION_PARAGRAPHS);
        assertThat(seed.occurrences().values()).containsOnly(1);
        assertThat(seed.sections()).extracting(SeedReport.Section::letter).containsExactly("A", "B", "C", "D", "E");
    }

    @Test
    void everyRecommendationParagraphIsPresentExactlyOnceAndNoOther() {
        assertThat(catalogue).extracting(Recommendation::getParagraph).containsExactlyElementsOf(RECOMMENDATION_PARAGRAPHS);
    }

    @Test
    void textIsTheSeedParagraphVerbatim() {
        final SoftAssertions softly = new SoftAssertions();
        for (final Recommendation r : catalogue) {
            final String inSeed = seed.paragraphs().get(r.getParagraph());
            softly.assertThat(SeedReport.withoutWhitespace(r.getTextZh()))
                    .as("textZh of paragraph %d (%s) against the seed", r.getParagraph(), r.getId())
                    .isEqualTo(inSeed == null ? "<paragraph not in seed>" : SeedReport.withoutWhitespace(inSeed));
        }
        softly.assertAll();
    }

    @Test
    void textHasNoLineBreaksNoParagraphNumberAndNoFootnote() {
        for (final Recommendation r : catalogue) {
            assertThat(r.getTextZh()).as("paragraph %d", r.getParagraph())
                    .doesNotContain("\n", "\r", "____", "CTOC/COP/WG.4/2011/8，第 46-51 段")
                    .doesNotStartWith(r.getParagraph() + ".")
                    .isEqualTo(r.getTextZh().strip());
        }
    }

    @Test
    void sectionLettersFollowTheParagraphRanges() {
        for (final Recommendation r : catalogue) {
            final int p = r.getParagraph();
            final String expected = p <= 9 ? "A" : p <= 15 ? "B" : p <= 37 ? "C" : p <= 44 ? "D" : "E";
            assertThat(r.getSection().getLetter()).as("section of paragraph %d", p).isEqualTo(expected);
        }
    }

    @Test
    void sectionsHoldTheParagraphsTheSeedPutsInThemWithTheSeedsTitles() {
        final Map<String, SeedReport.Section> seedSections = seed.sections().stream()
                .collect(Collectors.toMap(SeedReport.Section::letter, s -> s));
        for (final Recommendation r : catalogue) {
            final SeedReport.Section inSeed = seedSections.get(r.getSection().getLetter());
            assertThat(inSeed.paragraphs()).as("paragraphs of section %s", inSeed.letter()).contains(r.getParagraph());
            assertThat(r.getSection().getTitleZh()).as("title of section %s (paragraph %d)",
                    inSeed.letter(), r.getParagraph()).isEqualTo(inSeed.title());
            assertThat(r.getSection().getTitleEn()).isNotBlank();
        }
    }

    @Test
    void idsAndSessionDescribeThe2013Meeting() {
        for (final Recommendation r : catalogue) {
            assertThat(r.getId()).isEqualTo("2013." + r.getParagraph());
            assertThat(r.getSession().getId()).isEqualTo("2013");
            assertThat(r.getSession().getStartDate()).isEqualTo(LocalDate.of(2013, 11, 6));
            assertThat(r.getSession().getEndDate()).isEqualTo(LocalDate.of(2013, 11, 8));
            assertThat(r.getSession().getVenue()).isEqualTo("Vienna");
        }
    }

    @Test
    void everyEntryHasASummaryAnAddresseeAForceAndAFewThemes() {
        for (final Recommendation r : catalogue) {
            assertThat(r.getSummaryEn()).as("summaryEn of %s", r.getId()).isNotBlank();
            assertThat(r.getAddressees()).as("addressees of %s", r.getId()).isNotEmpty();
            assertThat(r.getForce()).as("force of %s", r.getId()).isNotNull().isNotEqualTo(Force.UNKNOWN);
            assertThat(r.getThemes()).as("themes of %s", r.getId()).hasSizeBetween(1, 4).doesNotHaveDuplicates();
        }
    }

    @Test
    void addresseesAndForceAgreeWithTheWording() {
        final SoftAssertions softly = new SoftAssertions();
        for (final Recommendation r : catalogue) {
            final Reading reading = read(r.getParagraph(), seed.paragraphs().get(r.getParagraph()));
            softly.assertThat(EnumSet.copyOf(r.getAddressees())).as("addressees of paragraph %d", r.getParagraph())
                    .isEqualTo(reading.addressees());
            softly.assertThat(r.getForce()).as("force of paragraph %d", r.getParagraph()).isEqualTo(reading.force());
        }
        softly.assertAll();
    }

    @Test
    void paragraphsTheDomainBriefNamesHaveTheirAddressees() {
        assertThat(paragraphsAddressedTo(Addressee.UNODC)).containsExactly(6, 7, 37, 44);
        assertThat(paragraphsAddressedTo(Addressee.SECRETARIAT)).containsExactly(45);
        assertThat(paragraphsAddressedTo(Addressee.CONFERENCE_OF_THE_PARTIES)).containsExactly(47, 48);
    }

    private static List<Integer> paragraphsAddressedTo(final Addressee addressee) {
        return catalogue.stream().filter(r -> r.getAddressees().contains(addressee))
                .map(Recommendation::getParagraph).collect(Collectors.toList());
    }

    private record Reading(Set<Addressee> addressees, Force force) {
    }

    /**
     * Addressee and force from the opening words of a paragraph. The rules are deliberately literal:
     * a paragraph that fits none of them fails the test, so a new wording gets a human look.
     */
    private static Reading read(final int paragraph, final String text) {
        if (text.startsWith("毒品和犯罪问题办公室应当")) {
            return new Reading(EnumSet.of(Addressee.UNODC), Force.SHOULD);
        }
        if (text.startsWith("贩运人口问题工作组请秘书处")) {
            return new Reading(EnumSet.of(Addressee.SECRETARIAT), Force.REQUESTS);
        }
        if (text.startsWith("贩运人口问题工作组建议")) {
            final String recommended = text.substring("贩运人口问题工作组建议".length()).replaceFirst("^，", "");
            if (recommended.startsWith("缔约方会议")) {
                return new Reading(EnumSet.of(Addressee.CONFERENCE_OF_THE_PARTIES), Force.RECOMMENDS);
            }
            if (recommended.startsWith("缔约各国")) {
                return new Reading(EnumSet.of(Addressee.STATES_PARTIES), Force.RECOMMENDS);
            }
        }
        // Para 37 opens with a recital ("忆及...") before naming whom it addresses.
        if (text.contains("缔约各国和毒品和犯罪问题办公室应当")) {
            return new Reading(EnumSet.of(Addressee.STATES_PARTIES, Addressee.UNODC), Force.SHOULD);
        }
        if (text.startsWith("鼓励缔约各国")) {
            return new Reading(EnumSet.of(Addressee.STATES_PARTIES), Force.ENCOURAGED);
        }
        if (text.startsWith("鼓励各国")) {
            return new Reading(EnumSet.of(Addressee.STATES), Force.ENCOURAGED);
        }
        if (text.startsWith("缔约各国可考虑")) {
            return new Reading(EnumSet.of(Addressee.STATES_PARTIES), Force.MAY_CONSIDER);
        }
        if (text.startsWith("各国可考虑")) {
            return new Reading(EnumSet.of(Addressee.STATES), Force.MAY_CONSIDER);
        }
        // "应当考虑到" is "should take into account", an obligation, not "should consider (doing)".
        if (text.startsWith("缔约各国应当考虑") && !text.startsWith("缔约各国应当考虑到")) {
            return new Reading(EnumSet.of(Addressee.STATES_PARTIES), Force.SHOULD_CONSIDER);
        }
        if (text.startsWith("缔约各国应当")) {
            return new Reading(EnumSet.of(Addressee.STATES_PARTIES), Force.SHOULD);
        }
        return fail("no wording rule fits paragraph %d: %s", paragraph, text);
    }
}
