package org.tipmonitor.cycles;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tipmonitor.avro.GlotipRow;

/**
 * Writes GLOTIP rows as CSV in UNODC's long format: the header
 * {@code Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source},
 * RFC 4180 quoting (a field with a comma, a double quote, CR or LF is quoted, inner quotes doubled), CRLF line
 * ends, UTF-8 with a byte order mark (Excel reads a UTF-8 CSV as the local code page unless it starts with a BOM,
 * and names such as Côte d'Ivoire or Türkiye would be garbled), rows in {@link GlotipRows#ORDER}. VALUE is plain
 * decimal (never an exponent) with at most 4 decimals, trailing zeros dropped; empty when undefined.
 */
public final class GlotipCsv {

    public static final String HEADER = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,"
        + "Year,Unit of measurement,VALUE,Source";
    public static final char BOM = '\uFEFF';
    public static final String MEDIA_TYPE = "text/csv; charset=utf-8";

    private static final String CRLF = "\r\n";
    private static final int DECIMALS = 4;

    private GlotipCsv() {
    }

    /** Writes the BOM, the header and the rows (sorted; the list is not modified). Does not close the writer. */
    public static void write(final List<GlotipRow> rows, final Writer out) throws IOException {
        final List<GlotipRow> sorted = new ArrayList<>(rows);
        sorted.sort(GlotipRows.ORDER);
        out.write(BOM);
        out.write(HEADER);
        out.write(CRLF);
        for (final GlotipRow row : sorted) {
            out.write(line(row));
            out.write(CRLF);
        }
        out.flush();
    }

    /** As {@link #write(List, Writer)}, encoding UTF-8 onto a stream (e.g. an HTTP response body). */
    public static void write(final List<GlotipRow> rows, final OutputStream out) throws IOException {
        write(rows, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    static String line(final GlotipRow row) {
        return String.join(",",
            field(row.getIso3()),
            field(row.getCountry()),
            field(row.getRegion()),
            field(row.getSubregion()),
            field(row.getIndicator()),
            field(row.getDimension()),
            field(row.getCategory()),
            field(row.getSex()),
            field(row.getAge()),
            Integer.toString(row.getYear()),
            field(row.getUnit()),
            value(row.getValue()),
            field(row.getSource()));
    }

    /** A field, quoted only when RFC 4180 requires it. */
    static String field(final String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0
            && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** A number in plain decimal notation, at most 4 decimals (half up), without trailing zeros. */
    static String value(final Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "";
        }
        final BigDecimal rounded = BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP)
            .stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }
}
