package org.tipmonitor.cycles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ExploitationForm.DEBT_BONDAGE;
import static org.tipmonitor.avro.ExploitationForm.FORCED_BEGGING;
import static org.tipmonitor.avro.ExploitationForm.OTHER;
import static org.tipmonitor.avro.ExploitationForm.PORNOGRAPHY_INCLUDING_INTERNET;
import static org.tipmonitor.avro.ExploitationForm.RECRUITMENT_FOR_ARMED_CONFLICT;
import static org.tipmonitor.avro.ExploitationForm.SALE_OF_BABIES;
import static org.tipmonitor.avro.ExploitationForm.SEX_TOURISM;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.IN_PROGRESS;
import static org.tipmonitor.avro.ImplementationStatus.NOT_APPLICABLE;
import static org.tipmonitor.avro.ImplementationStatus.NOT_STARTED;
import static org.tipmonitor.avro.ImplementationStatus.PARTIALLY_IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.cell;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.ReporterType;

/**
 * The 2016 implementation export (our own indicators, beside the Global Report feed) of a small fixed dataset,
 * byte for byte against {@code src/test/resources/golden/implementation-2016.csv}. After an intended change, review the diff of the file written
 * by {@code -Dtip.golden.update=true} and commit it.
 */
class ImplementationGoldenCsvTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/implementation-2016.csv");
    private static final Path GOLDEN_AREAS = Path.of("src/test/resources/golden/implementation-regions-2016.csv");
    private static final Cycle CYCLE_2016 = CycleCalendar.defaults().edition(2016).orElseThrow();

    /** Every version of every cell, some before the cycle, some in it, one exactly at the cut-off, some after. */
    static List<Cell> versions() {
        return List.of(
            cell("FRA", "2013.10", PLANNED, "fra-1", "2014-09-01T08:00:00Z", DEBT_BONDAGE),
            cell("FRA", "2013.10", IMPLEMENTED, "fra-2", "2015-03-01T08:00:00Z", FORCED_BEGGING,
                PORNOGRAPHY_INCLUDING_INTERNET),
            cell("FRA", "2013.13", IN_PROGRESS, "fra-0", "2014-01-15T08:00:00Z"),
            cell("FRA", "2013.28", IMPLEMENTED, "fra-3", "2016-07-01T08:00:00Z", SEX_TOURISM),
            cell("DEU", "2013.10", NOT_APPLICABLE, "deu-1", "2016-06-30T00:00:00Z", FORCED_BEGGING),
            cell("CIV", "2013.10", PARTIALLY_IMPLEMENTED, "civ-1", "2016-01-01T10:00:00Z"),
            cell("CIV", "2013.37", NOT_STARTED, "civ-1", "2016-01-01T10:00:00Z", OTHER, FORCED_BEGGING),
            cell("NGA", "2013.13", IMPLEMENTED, "nga-1", "2014-05-01T10:00:00Z", SALE_OF_BABIES),
            cell("PSE", "2013.10", NOT_APPLICABLE, "pse-1", "2015-05-05T10:00:00Z", RECRUITMENT_FOR_ARMED_CONFLICT),
            cell("IRN", "2013.28", PLANNED, "irn-1", "2015-01-01T10:00:00Z"),
            cell("EUU", "2013.10", IMPLEMENTED, "euu-1", "2015-06-01T10:00:00Z", SEX_TOURISM),
            Cell.newBuilder(cell("FRA", "2013.10", NOT_STARTED, "ngo-1", "2015-04-01T08:00:00Z", SEX_TOURISM))
                .setReporterType(ReporterType.CIVIL_SOCIETY).build(),
            Cell.newBuilder(cell("UNODC", "2013.6", IMPLEMENTED, "unodc-1", "2015-04-01T08:00:00Z"))
                .setReporterType(ReporterType.UNODC).build());
    }

    private static List<GlotipRow> rows() {
        final List<Cell> all = versions();
        final List<Cell> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);
        return CycleSnapshots.rows(CYCLE_2016, shuffled, shuffled, CycleWorld.REFERENCE);
    }

    private static String csv(final List<GlotipRow> rows) throws IOException {
        final StringWriter out = new StringWriter();
        GlotipCsv.writeImplementation(rows, out, false);
        return out.toString();
    }

    private static String areasCsv(final List<GlotipRow> rows) throws IOException {
        final StringWriter out = new StringWriter();
        GlotipCsv.writeImplementationAreas(rows, out, false);
        return out.toString();
    }

    @Test
    void theExportMatchesTheGoldenFileByteForByte() throws IOException {
        final byte[] actual = csv(rows()).getBytes(StandardCharsets.UTF_8);
        final byte[] actualAreas = areasCsv(rows()).getBytes(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("tip.golden.update")) {
            Files.write(GOLDEN, actual);
            Files.write(GOLDEN_AREAS, actualAreas);
        }
        assertThat(GOLDEN).exists();
        assertThat(actual).isEqualTo(Files.readAllBytes(GOLDEN));
        assertThat(actualAreas).isEqualTo(Files.readAllBytes(GOLDEN_AREAS));
    }

    @Test
    void theExportParsesBackAsRfc4180WithTheValuesOfTheFormulas() throws IOException {
        final String text = new String(Files.readAllBytes(GOLDEN), StandardCharsets.UTF_8);
        assertThat(text).startsWith("Iso3_code,");
        final List<List<String>> records = Rfc4180.parse(text);
        assertThat(String.join(",", records.get(0))).isEqualTo(GlotipCsv.HEADER);
        final List<List<String>> data = records.subList(1, records.size());
        assertThat(data).allSatisfy(record -> assertThat(record).hasSize(13));
        assertThat(data).as("Iso3_code is an ISO3 code on every row: the areas have their own file")
            .allSatisfy(record -> assertThat(record.get(0)).matches("[A-Z]{3}"));
        final List<List<String>> areaRecords = Rfc4180.parse(
            new String(Files.readAllBytes(GOLDEN_AREAS), StandardCharsets.UTF_8));
        assertThat(String.join(",", areaRecords.get(0))).isEqualTo(GlotipCsv.AREA_HEADER);
        final List<List<String>> areas = areaRecords.subList(1, areaRecords.size());
        assertThat(areas).allSatisfy(record -> assertThat(record.get(0)).matches("[0-9]{3}"));
        assertThat(data.size() + areas.size()).as("every row in one of the two files").isEqualTo(rows().size());
        final Map<String, String> values = java.util.stream.Stream.concat(data.stream(), areas.stream())
            .collect(Collectors.toMap(r -> r.get(0) + "|" + r.get(4) + "|" + r.get(6), r -> r.get(11)));

        // FRA as of the cut-off: 2013.10 IMPLEMENTED (fra-2), 2013.13 IN_PROGRESS (before the cycle); 2013.28 later.
        assertThat(values.get("FRA|tip-monitor: Recommendations reported on|Total")).isEqualTo("2");
        assertThat(values.get("FRA|tip-monitor: Recommendations implemented|Total")).isEqualTo("1");
        assertThat(values.get("FRA|tip-monitor: Implementation rate|Total")).isEqualTo("0.5");
        assertThat(values.get("FRA|tip-monitor: Implementation progress score|Total")).as("(4 + 2) / (4 x 2)").isEqualTo("0.75");
        // Forms of every FRA version submitted in the cycle, the superseded fra-1 included; not fra-3's (later).
        assertThat(formsOf(data, "FRA")).containsExactly("Forced begging", "Pornography, including through the Internet",
            "Debt bondage");
        // DEU submitted exactly at the cut-off: in the cycle. Nothing applicable: no rate, no score.
        assertThat(values.get("DEU|tip-monitor: Recommendations applicable|Total")).isEqualTo("0");
        assertThat(values.get("DEU|tip-monitor: Implementation rate|Total")).isEmpty();
        assertThat(values.get("DEU|tip-monitor: Implementation progress score|Total")).isEmpty();
        // NGA reported before the cycle only: reported on, but no form in this cycle.
        assertThat(values.get("NGA|tip-monitor: Recommendations reported on|Total")).isEqualTo("1");
        assertThat(formsOf(data, "NGA")).isEmpty();
        // CIV: (3 + 0) / (4 x 2); OTHER is "Other".
        assertThat(values.get("CIV|tip-monitor: Implementation progress score|Total")).isEqualTo("0.375");
        assertThat(formsOf(data, "CIV")).containsExactly("Forced begging", "Other");
        // Areas: FRA, DEU in (Western) Europe, CIV in (Sub-Saharan) Africa; EUU has no area.
        assertThat(values.get("150|tip-monitor: States reporting non-Protocol exploitation|Forced begging")).isEqualTo("2");
        assertThat(values.get("155|tip-monitor: States reporting non-Protocol exploitation|Forced begging")).isEqualTo("2");
        assertThat(values.get("002|tip-monitor: States reporting non-Protocol exploitation|Forced begging")).isEqualTo("1");
        assertThat(values.get("202|tip-monitor: States reporting non-Protocol exploitation|Other")).isEqualTo("1");
        assertThat(areas).anySatisfy(r -> assertThat(r.subList(0, 4)).containsExactly("155", "Western Europe", "Europe",
            "Western Europe"));
        assertThat(values.get("150|tip-monitor: States reporting non-Protocol exploitation|Sex tourism"))
            .as("the civil-society cell and the later fra-3 do not count").isNull();
        assertThat(data).as("the EU is a party, not a State party: no State figures")
            .noneMatch(r -> r.get(0).equals("EUU"));
        // Civil society and UNODC cells make no rows.
        assertThat(data).noneMatch(r -> r.get(0).equals("UNODC"));
        // The quoted name survives the round trip.
        assertThat(data).anySatisfy(r -> assertThat(r.get(1)).isEqualTo(CycleWorld.PSE.getNameEn()));
        assertThat(data).allSatisfy(r -> assertThat(r.get(12))
            .isEqualTo("tip-monitor, reporting cycle 2016 (cut-off 2016-06-30T00:00:00Z)"));
    }

    private static List<String> formsOf(final List<List<String>> data, final String iso3) {
        return data.stream()
            .filter(r -> r.get(0).equals(iso3) && r.get(4).equals(GlotipRows.NON_PROTOCOL_EXPLOITATION))
            .peek(r -> assertThat(r.get(11)).isEqualTo("1"))
            .map(r -> r.get(6))
            .toList();
    }
}
