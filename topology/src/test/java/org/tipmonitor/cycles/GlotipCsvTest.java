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
    void theFileStartsWithABomAndTheHeaderAndEndsEveryLineWithCrlfInUtf8() throws IOException {
        final GlotipRow row = GlotipRow.newBuilder().setEdition(2016).setIso3("CIV").setCountry("Côte d'Ivoire")
            .setRegion("Africa").setSubregion("Sub-Saharan Africa").setIndicator(GlotipRows.IMPLEMENTATION_RATE)
            .setDimension(GlotipRows.TOTAL).setCategory(GlotipRows.TOTAL).setYear(2016).setUnit(GlotipRows.RATE)
            .setValue(null).setSource("s").build();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        GlotipCsv.write(List.of(row), out);
        final byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + GlotipCsv.HEADER + "\r\n"
            + "CIV,Côte d'Ivoire,Africa,Sub-Saharan Africa,Implementation rate,Total,Total,Total,Total,2016,Rate,,s"
            + "\r\n");
    }
}
