package org.tipmonitor.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ProtocolStatus;

/**
 * Checks the hand-compiled country reference data file against the Avro contract, the M49 structure,
 * the Protocol's timeline and the attendance lists of the 2013 Working Group report (paras 60-64).
 *
 * <p>The file is read with plain Jackson on purpose: the file must stay valid for any reader, not only
 * for the project's own loader. Every per-entry check collects the offending entries so that a failure
 * names them.
 */
class CountryDataFileTest {

    private static final String DATA_RESOURCE = "/reference/countries.json";
    private static final String SEED_RESOURCE = "/seed/wg4-2013-report.zh.txt";

    /** The Protocol was adopted on 15 November 2000; early deposits (2001-2003) precede its entry into force. */
    private static final LocalDate PROTOCOL_ADOPTED = LocalDate.of(2000, 11, 15);
    /** The Working Group met in Vienna from 6 to 8 November 2013. */
    private static final LocalDate MEETING_START = LocalDate.of(2013, 11, 6);
    private static final LocalDate MEETING_END = LocalDate.of(2013, 11, 8);

    private static final String EU = "EUU";
    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");
    private static final Pattern PARAGRAPH_START = Pattern.compile("^(\\d{1,3})\\. ");
    /** "区域经济一体化组织欧洲联盟作为…" (para 61) and "巴勒斯坦国作为…" (para 64): the entity is named before 作为. */
    private static final Pattern NAMED_BEFORE_AS = Pattern.compile("^(?:区域经济一体化组织)?(.+?)作为");

    /** M49 regions and, for each, the codes of the sub-regions its overview table gives in the "Sub-region" column. */
    private static final Map<String, String> REGION_NAMES = Map.of(
        "002", "Africa", "019", "Americas", "142", "Asia", "150", "Europe", "009", "Oceania");
    private static final Map<String, Set<String>> SUB_REGIONS_BY_REGION = Map.of(
        "002", Set.of("015", "202"),
        "019", Set.of("419", "021"),
        "142", Set.of("143", "030", "035", "034", "145"),
        "150", Set.of("151", "154", "039", "155"),
        "009", Set.of("053", "054", "057", "061"));

    private static JsonNode root;
    private static List<JsonNode> countries;
    private static Map<String, List<JsonNode>> byNameZh;
    private static Map<Integer, String> seedParagraphs;

    @BeforeAll
    static void load() throws IOException {
        final ObjectMapper mapper = new ObjectMapper();
        try (InputStream in = resource(DATA_RESOURCE)) {
            root = mapper.readTree(in);
        }
        countries = new ArrayList<>();
        root.path("countries").forEach(countries::add);
        byNameZh = countries.stream().collect(Collectors.groupingBy(c -> c.path("nameZh").asText()));
        try (InputStream in = resource(SEED_RESOURCE)) {
            seedParagraphs = paragraphs(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void fileHasItsDescriptionDateAndSources() {
        assertThat(root.path("about").asText()).as("about").isNotBlank();
        assertThat(parseDate(root.path("asOf").asText())).as("asOf must be a YYYY-MM-DD date").isNotNull();
        final JsonNode sources = root.path("sources");
        for (final String key : List.of("iso3", "m49", "nameZh", "protocol")) {
            assertThat(sources.path(key).asText()).as("sources.%s", key).isNotBlank();
        }
        assertThat(root.path("countries").isArray()).as("countries is an array").isTrue();
    }

    @Test
    void everyEntryCarriesExactlyTheFieldsOfTheAvroContract() {
        final Set<String> schemaFields = Country.getClassSchema().getFields().stream()
            .map(Schema.Field::name).collect(Collectors.toCollection(LinkedHashSet::new));
        final List<String> offenders = new ArrayList<>();
        for (final JsonNode country : countries) {
            final Set<String> fields = new LinkedHashSet<>();
            country.fieldNames().forEachRemaining(fields::add);
            if (!fields.equals(schemaFields)) {
                offenders.add(id(country) + " has " + fields);
            }
        }
        assertThat(offenders).as("entries whose fields differ from Country.avsc %s", schemaFields).isEmpty();
    }

    @Test
    void coversEveryUnMemberStateExactlyOnce() {
        assertThat(offenders(c -> !ISO3.matcher(c.path("iso3").asText()).matches()))
            .as("entries whose iso3 is not three upper-case letters").isEmpty();
        assertThat(duplicates("iso3")).as("iso3 codes used more than once").isEmpty();
        assertThat(duplicates("nameEn")).as("English names used more than once").isEmpty();
        assertThat(duplicates("nameZh")).as("Chinese names used more than once").isEmpty();
        assertThat(offenders(c -> c.path("nameEn").asText().isBlank() || c.path("nameZh").asText().isBlank()))
            .as("entries without an English or Chinese name").isEmpty();
        assertThat(offenders(c -> c.path("source").asText().isBlank())).as("entries without a source").isEmpty();

        final Set<String> entityTypes = enumSymbols(EntityType.getClassSchema());
        assertThat(offenders(c -> !entityTypes.contains(c.path("entityType").asText())))
            .as("entries whose entityType is not a symbol of EntityType.avsc").isEmpty();
        assertThat(countries.stream().filter(c -> "UN_MEMBER_STATE".equals(c.path("entityType").asText())))
            .as("UN Member States").hasSize(193);
    }

    @Test
    void entriesAreSortedByIso3() {
        final List<String> codes = countries.stream().map(c -> c.path("iso3").asText()).collect(Collectors.toList());
        assertThat(codes).as("iso3 order of the entries").isSorted();
    }

    @Test
    void observerStatesAndTheEuropeanUnionAreThere() {
        assertThat(entry("VAT").path("entityType").asText()).as("VAT (Holy See)").isEqualTo("OBSERVER_STATE");
        assertThat(entry("PSE").path("entityType").asText()).as("PSE (State of Palestine)").isEqualTo("OBSERVER_STATE");
        final JsonNode eu = entry(EU);
        assertThat(eu.path("entityType").asText()).as("EUU (European Union)")
            .isEqualTo("REGIONAL_ECONOMIC_INTEGRATION_ORGANIZATION");
        assertThat(eu.path("protocolStatus").asText()).as("EUU protocolStatus").isEqualTo("PARTY");
        assertThat(offenders(c -> !isUnMember(c)
                && !Set.of("VAT", "PSE", EU).contains(c.path("iso3").asText())))
            .as("entries that are neither UN Member States nor the three expected others").isEmpty();
    }

    @Test
    void everyStateHasAnM49RegionAndSubRegionAndTheEuropeanUnionHasNone() {
        assertThat(entry(EU).path("region").isNull()).as("EUU region is null").isTrue();
        assertThat(entry(EU).path("subRegion").isNull()).as("EUU subRegion is null").isTrue();

        final List<String> offenders = new ArrayList<>();
        final Map<String, Set<String>> subRegionNames = new TreeMap<>();
        for (final JsonNode country : countries) {
            if (EU.equals(country.path("iso3").asText())) {
                continue;
            }
            final JsonNode region = country.path("region");
            final JsonNode subRegion = country.path("subRegion");
            final String regionCode = region.path("code").asText();
            if (!REGION_NAMES.containsKey(regionCode)) {
                offenders.add(id(country) + ": region code '" + regionCode + "'");
                continue;
            }
            if (!REGION_NAMES.get(regionCode).equals(region.path("name").asText())) {
                offenders.add(id(country) + ": region " + regionCode + " named '" + region.path("name").asText() + "'");
            }
            final String subCode = subRegion.path("code").asText();
            if (!SUB_REGIONS_BY_REGION.get(regionCode).contains(subCode)) {
                offenders.add(id(country) + ": sub-region '" + subCode + "' is not an M49 sub-region of " + regionCode);
            }
            if (subRegion.path("name").asText().isBlank()) {
                offenders.add(id(country) + ": sub-region " + subCode + " has no name");
            }
            subRegionNames.computeIfAbsent(subCode, k -> new HashSet<>()).add(subRegion.path("name").asText());
        }
        assertThat(offenders).as("entries with a wrong M49 region or sub-region").isEmpty();
        assertThat(subRegionNames.entrySet().stream().filter(e -> e.getValue().size() > 1).collect(Collectors.toList()))
            .as("sub-region codes given more than one name").isEmpty();
    }

    @Test
    void partyDatesAreConsistentWithStatusAndTheProtocolTimeline() {
        final Set<String> statuses = enumSymbols(ProtocolStatus.getClassSchema());
        assertThat(offenders(c -> !statuses.contains(c.path("protocolStatus").asText())))
            .as("entries whose protocolStatus is not a symbol of ProtocolStatus.avsc").isEmpty();
        assertThat(offenders(c -> isParty(c) && partySince(c) == null))
            .as("parties without a valid protocolPartySince date").isEmpty();
        assertThat(offenders(c -> !isParty(c) && !c.path("protocolPartySince").isNull()))
            .as("non-parties with a protocolPartySince").isEmpty();

        final LocalDate asOf = parseDate(root.path("asOf").asText());
        final LocalDate latest = LocalDate.now().isBefore(asOf) ? LocalDate.now() : asOf;
        assertThat(offenders(c -> isParty(c) && partySince(c) != null
                && (partySince(c).isBefore(PROTOCOL_ADOPTED) || partySince(c).isAfter(latest))))
            .as("parties dated before the Protocol's adoption (%s) or after %s", PROTOCOL_ADOPTED, latest)
            .isEmpty();
        assertThat(countries.stream().filter(CountryDataFileTest::isParty)).as("parties").hasSizeGreaterThanOrEqualTo(175);
    }

    @Test
    void statesPartiesAttendingIn2013WerePartiesAtTheMeeting() {
        final List<String> names = listedAfterColon(paragraph(60));
        assertThat(names).as("States parties listed in para 60").isNotEmpty().doesNotHaveDuplicates();
        final List<String> offenders = new ArrayList<>();
        for (final String name : names) {
            final JsonNode country = resolve(name, offenders);
            if (country != null && !(isParty(country) && partySince(country) != null && !partySince(country).isAfter(MEETING_START))) {
                offenders.add(id(country) + " (para 60 '" + name + "') is not a party since before " + MEETING_START);
            }
        }
        assertThat(offenders).as("para 60 States parties").isEmpty();
    }

    @Test
    void theEuropeanUnionAttendedAsAParty() {
        final String name = namedBeforeAs(paragraph(61));
        final List<String> offenders = new ArrayList<>();
        final JsonNode country = resolve(name, offenders);
        assertThat(offenders).as("para 61").isEmpty();
        assertThat(country.path("iso3").asText()).as("para 61 '%s'", name).isEqualTo(EU);
        assertThat(partySince(country)).as("EUU party since").isBeforeOrEqualTo(MEETING_START);
    }

    @Test
    void signatoriesAttendingIn2013HaveSinceBecomeParties() {
        final List<String> names = listedAfterColon(paragraph(62));
        assertThat(names).as("signatories listed in para 62").isNotEmpty();
        final List<String> offenders = new ArrayList<>();
        for (final String name : names) {
            final JsonNode country = resolve(name, offenders);
            if (country != null && !(isParty(country) && partySince(country) != null && partySince(country).isAfter(MEETING_END))) {
                offenders.add(id(country) + " (para 62 '" + name + "') is not a party that joined after the meeting");
            }
        }
        assertThat(offenders).as("para 62 signatories").isEmpty();
    }

    @Test
    void observerStatesAttendingIn2013AreMemberStatesThatWereNotParties() {
        final List<String> names = listedAfterColon(paragraph(63));
        assertThat(names).as("observer States listed in para 63").isNotEmpty();
        final List<String> offenders = new ArrayList<>();
        for (final String name : names) {
            final JsonNode country = resolve(name, offenders);
            if (country == null) {
                continue;
            }
            if (!isUnMember(country)) {
                offenders.add(id(country) + " (para 63 '" + name + "') is not a UN Member State");
            }
            if (isParty(country) && (partySince(country) == null || !partySince(country).isAfter(MEETING_END))) {
                offenders.add(id(country) + " (para 63 '" + name + "') was already a party at the meeting");
            }
        }
        assertThat(offenders).as("para 63 observer States").isEmpty();
    }

    @Test
    void theStateOfPalestineAttendedAsANonMemberObserverState() {
        final String name = namedBeforeAs(paragraph(64));
        final List<String> offenders = new ArrayList<>();
        final JsonNode country = resolve(name, offenders);
        assertThat(offenders).as("para 64").isEmpty();
        assertThat(country.path("iso3").asText()).as("para 64 '%s'", name).isEqualTo("PSE");
    }

    // ---- helpers ----

    private static InputStream resource(final String name) {
        final InputStream in = CountryDataFileTest.class.getResourceAsStream(name);
        assertThat(in).as("classpath resource %s", name).isNotNull();
        return in;
    }

    /** Splits the report into numbered paragraphs; a paragraph's wrapped lines are joined without spaces (Chinese). */
    private static Map<Integer, String> paragraphs(final String text) {
        final Map<Integer, String> result = new HashMap<>();
        Integer current = null;
        StringBuilder body = new StringBuilder();
        for (final String line : text.split("\\R")) {
            final Matcher start = PARAGRAPH_START.matcher(line);
            if (start.find()) {
                if (current != null) {
                    result.putIfAbsent(current, body.toString());
                }
                current = Integer.valueOf(start.group(1));
                body = new StringBuilder(line.substring(start.end()).strip());
            } else if (current != null) {
                body.append(line.strip());
            }
        }
        if (current != null) {
            result.putIfAbsent(current, body.toString());
        }
        return result;
    }

    private static String paragraph(final int number) {
        final String text = seedParagraphs.get(number);
        assertThat(text).as("paragraph %d of the seed report", number).isNotBlank();
        return text;
    }

    /** "…出席了会议：甲、乙、丙。" gives [甲, 乙, 丙]. */
    private static List<String> listedAfterColon(final String paragraph) {
        final int colon = paragraph.indexOf('：');
        final int end = paragraph.lastIndexOf('。');
        assertThat(colon).as("a list after '：' in: %s", paragraph).isGreaterThanOrEqualTo(0);
        assertThat(end).as("the list ends with '。' in: %s", paragraph).isGreaterThan(colon);
        return Arrays.stream(paragraph.substring(colon + 1, end).split("、"))
            .map(String::strip).collect(Collectors.toList());
    }

    private static String namedBeforeAs(final String paragraph) {
        final Matcher matcher = NAMED_BEFORE_AS.matcher(paragraph);
        assertThat(matcher.find()).as("an entity named before '作为' in: %s", paragraph).isTrue();
        return matcher.group(1);
    }

    /** Finds the one entry whose nameZh is the name; records a message (and returns null) if there is not exactly one. */
    private static JsonNode resolve(final String nameZh, final List<String> offenders) {
        final List<JsonNode> matches = byNameZh.getOrDefault(nameZh, List.of());
        if (matches.size() != 1) {
            offenders.add("'" + nameZh + "' matches " + matches.size() + " entries "
                + matches.stream().map(CountryDataFileTest::id).collect(Collectors.toList()));
            return null;
        }
        return matches.get(0);
    }

    private static JsonNode entry(final String iso3) {
        final List<JsonNode> matches = countries.stream()
            .filter(c -> iso3.equals(c.path("iso3").asText())).collect(Collectors.toList());
        assertThat(matches).as("entries with iso3 %s", iso3).hasSize(1);
        return matches.get(0);
    }

    private static List<String> offenders(final Predicate<JsonNode> isWrong) {
        return countries.stream().filter(isWrong).map(CountryDataFileTest::id).collect(Collectors.toList());
    }

    private static List<String> duplicates(final String field) {
        final Map<String, List<String>> byValue = countries.stream().collect(Collectors.groupingBy(
            c -> c.path(field).asText(), TreeMap::new, Collectors.mapping(CountryDataFileTest::id, Collectors.toList())));
        return byValue.entrySet().stream().filter(e -> e.getValue().size() > 1)
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.toList());
    }

    private static Set<String> enumSymbols(final Schema schema) {
        return new HashSet<>(schema.getEnumSymbols());
    }

    private static boolean isParty(final JsonNode country) {
        return "PARTY".equals(country.path("protocolStatus").asText());
    }

    private static boolean isUnMember(final JsonNode country) {
        return "UN_MEMBER_STATE".equals(country.path("entityType").asText());
    }

    private static LocalDate partySince(final JsonNode country) {
        final JsonNode date = country.path("protocolPartySince");
        return date.isTextual() ? parseDate(date.asText()) : null;
    }

    private static LocalDate parseDate(final String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String id(final JsonNode country) {
        return country.path("iso3").asText() + " " + country.path("nameEn").asText();
    }
}
