package org.tipmonitor.cycles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.GlotipRow;

class GlotipCsvTest {

    @Test
    void fieldsAreQuotedOnlyWhenRfc4180RequiresIt() {
        assertThat(GlotipCsv.field("France")).isEqualTo("France");
        assertThat(GlotipCsv.field("Côte d'Ivoire")).isEqualTo("Côte d'Ivoire");
        assertThat(GlotipCsv.field("Pornography, including through the Internet"))
            .isEqualTo("\"Pornography, including through the Internet\"");
        assertThat(GlotipCsv.field("say \"no\"")).isEqualTo("\"say \"\"no\"\"\"");
        assertThat(GlotipCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(GlotipCsv.field("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(GlotipCsv.field("")).isEmpty();
    }

    @Test
    void valuesArePlainDecimalsWithAtMostFourDecimals() {
        assertThat(GlotipCsv.value(3.0)).isEqualTo("3");
        assertThat(GlotipCsv.value(0.0)).isEqualTo("0");
        assertThat(GlotipCsv.value(1.0e7)).isEqualTo("10000000");
        assertThat(GlotipCsv.value(30.0)).isEqualTo("30");
        assertThat(GlotipCsv.value(1.0 / 3)).isEqualTo("0.3333");
        assertThat(GlotipCsv.value(2.0 / 3)).isEqualTo("0.6667");
        assertThat(GlotipCsv.value(0.5)).isEqualTo("0.5");
        assertThat(GlotipCsv.value(0.00001)).isEqualTo("0");
        assertThat(GlotipCsv.value(1.0e-4)).isEqualTo("0.0001");
        assertThat(GlotipCsv.value(null)).isEmpty();
        assertThat(GlotipCsv.value(Double.NaN)).isEmpty();
    }

    @Test
    void byDefaultTheFileStartsWithTheHeaderWithoutABomAndEndsEveryLineWithCrlfInUtf8() throws IOException {
        final byte[] bytes = write(GlotipCsv.Format.countries());
        assertThat(bytes).startsWith("Iso3_code,".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(GlotipCsv.HEADER + "\r\n"
            + "CIV,Côte d'Ivoire,Africa,Sub-Saharan Africa,Detected trafficking victims,Total,Total,Total,Total,2023,"
            + "Counts,3,s\r\n");
    }

    @Test
    void spreadsheetUsersGetABomWhenTheyAskForIt() throws IOException {
        final byte[] bytes = write(GlotipCsv.Format.countries().withBom());
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("\uFEFF" + GlotipCsv.HEADER + "\r\n");
    }

    @Test
    void regionalAggregatesNameTheirAreaCodeColumn() {
        assertThat(GlotipCsv.AREA_HEADER).isEqualTo("M49_code,Area,Region,Subregion,Indicator,Dimension,Category,"
            + "Sex,Age,Year,Unit of measurement,VALUE,Source");
    }

    @Test
    void countsFromOneToFourArePublishedAsLessThanFiveWhenTheRuleIsOn() {
        assertThat(GlotipCsv.count(0.0, 5)).isEqualTo("0");
        assertThat(GlotipCsv.count(1.0, 5)).isEqualTo("<5");
        assertThat(GlotipCsv.count(4.0, 5)).isEqualTo("<5");
        assertThat(GlotipCsv.count(5.0, 5)).isEqualTo("5");
        assertThat(GlotipCsv.count(3.0, 10)).isEqualTo("<10");
        assertThat(GlotipCsv.count(3.0, 0)).as("rule off").isEqualTo("3");
        assertThat(GlotipCsv.count(null, 5)).isEmpty();
    }

    @Test
    void theDisclosureRuleAppliesToCountsOfPersonsOnly() {
        final GlotipRow rate = GlotipRow.newBuilder(row()).setUnit(GlotipRows.NUMBER).build();
        assertThat(GlotipCsv.line(row(), 5)).contains(",Counts,<5,");
        assertThat(GlotipCsv.line(rate, 5)).contains(",Number,3,");
    }

    private static GlotipRow row() {
        return GlotipRow.newBuilder().setEdition(2024).setIso3("CIV").setCountry("Côte d'Ivoire")
            .setRegion("Africa").setSubregion("Sub-Saharan Africa").setIndicator("Detected trafficking victims")
            .setDimension("Total").setCategory("Total").setYear(2023).setUnit(GlotipCsv.COUNTS)
            .setValue(3.0).setSource("s").build();
    }

    private static byte[] write(final GlotipCsv.Format format) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        GlotipCsv.write(List.of(row()), out, format);
        return out.toByteArray();
    }
}
