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
 * Writes rows in the long format of UNODC's Global Report data: the header
 * {@code Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,VALUE,Source}
 * (for regional aggregates the first two columns are {@code M49_code,Area}), RFC 4180 quoting (a field with a
 * comma, a double quote, CR or LF is quoted, inner quotes doubled), CRLF line ends, UTF-8, rows in the order given.
 *
 * <p>No byte order mark by default: {@code csv}, pandas and R would read the first column as
 * {@code \uFEFFIso3_code}. Spreadsheet users ask for one ({@link Format#withBom()}): Excel reads a UTF-8 CSV as the
 * local code page unless it starts with a BOM, and names such as Côte d'Ivoire or Türkiye would be garbled.
 *
 * <p>VALUE is plain decimal (never an exponent) with at most 4 decimals, trailing zeros dropped; empty when
 * undefined. A count of persons (unit {@value #COUNTS}) from 1 to the disclosure threshold minus one is written
 * {@code <threshold} (UNODC's disclosure rule: "&lt;5"); 0 and larger counts are written as they are.
 */
public final class GlotipCsv {

    public static final String HEADER = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,"
        + "Year,Unit of measurement,VALUE,Source";
    /** The header of regional aggregates: the area's M49 code and name in the first two columns. */
    public static final String AREA_HEADER = "M49_code,Area" + HEADER.substring(HEADER.indexOf(",Region"));
    public static final char BOM = '\uFEFF';
    public static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    /** The unit of counts of persons, the values the disclosure rule applies to. */
    public static final String COUNTS = "Counts";

    private static final String CRLF = "\r\n";
    private static final int DECIMALS = 4;

    /**
     * How a file is written.
     *
     * @param header              the header line
     * @param bom                 whether the file starts with a byte order mark
     * @param disclosureThreshold counts from 1 to this minus one are written {@code <threshold}; 0: none
     */
    public record Format(String header, boolean bom, int disclosureThreshold) {

        /** Country rows, no BOM, counts as they are. */
        public static Format countries() {
            return new Format(HEADER, false, 0);
        }

        /** Regional aggregates, no BOM, counts as they are. */
        public static Format areas() {
            return new Format(AREA_HEADER, false, 0);
        }

        public Format withBom(final boolean withBom) {
            return new Format(header, withBom, disclosureThreshold);
        }

        public Format withBom() {
            return withBom(true);
        }

        public Format withDisclosureThreshold(final int threshold) {
            return new Format(header, bom, threshold);
        }
    }

    private GlotipCsv() {
    }

    /** Writes the header and the rows in the order given. Does not close the writer. */
    public static void write(final List<GlotipRow> rows, final Writer out, final Format format) throws IOException {
        if (format.bom()) {
            out.write(BOM);
        }
        out.write(format.header());
        out.write(CRLF);
        for (final GlotipRow row : rows) {
            out.write(line(row, format.disclosureThreshold()));
            out.write(CRLF);
        }
        out.flush();
    }

    /** As {@link #write(List, Writer, Format)}, encoding UTF-8 onto a stream (e.g. an HTTP response body). */
    public static void write(final List<GlotipRow> rows, final OutputStream out, final Format format)
        throws IOException {
        write(rows, new OutputStreamWriter(out, StandardCharsets.UTF_8), format);
    }

    /**
     * The State rows of a cycle's implementation indicators in their own order ({@link GlotipRows#ORDER}), no BOM
     * unless asked; the M49 area rows are {@link #writeImplementationAreas}'s.
     */
    public static void writeImplementation(final List<GlotipRow> rows, final Writer out, final boolean bom)
        throws IOException {
        write(implementationRows(rows, false), out, Format.countries().withBom(bom));
    }

    /** The M49 area rows of a cycle's implementation indicators, with the area in {@code M49_code,Area}. */
    public static void writeImplementationAreas(final List<GlotipRow> rows, final Writer out, final boolean bom)
        throws IOException {
        write(implementationRows(rows, true), out, Format.areas().withBom(bom));
    }

    /** The State rows ({@code areas} false) or the M49 area rows (true) of a cycle, in {@link GlotipRows#ORDER}. */
    public static List<GlotipRow> implementationRows(final List<GlotipRow> rows, final boolean areas) {
        final List<GlotipRow> selected = new ArrayList<>();
        for (final GlotipRow row : rows) {
            if (GlotipRows.isAreaRow(row) == areas) {
                selected.add(row);
            }
        }
        selected.sort(GlotipRows.ORDER);
        return selected;
    }

    static String line(final GlotipRow row) {
        return line(row, 0);
    }

    static String line(final GlotipRow row, final int disclosureThreshold) {
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
            COUNTS.equals(row.getUnit()) ? count(row.getValue(), disclosureThreshold) : value(row.getValue()),
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

    /** A count of persons, small ones hidden behind the disclosure threshold. */
    static String count(final Double value, final int disclosureThreshold) {
        if (value != null && value >= 1 && value < disclosureThreshold) {
            return "<" + disclosureThreshold;
        }
        return value(value);
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
