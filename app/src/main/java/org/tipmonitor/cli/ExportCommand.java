package org.tipmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tip-monitor export glotip --edition 2024 --out FILE [--url URL] [--bom]}: downloads an edition's Global
 * Report CSV from a running instance ({@code GET /api/v1/cycles/{edition}/glotip.csv}) and writes it to a file, or
 * to standard output with {@code --out -}; {@code glotip-regions}, {@code implementation} and
 * {@code implementation-regions} download the regional aggregates and our implementation indicators (State rows, M49
 * area rows) likewise. Failures are one line on stderr and exit code 1.
 */
@Command(name = "export",
    mixinStandardHelpOptions = true,
    description = "Export reports from a running tip-monitor instance.",
    subcommands = {ExportCommand.Glotip.class, ExportCommand.GlotipRegions.class, ExportCommand.Implementation.class,
        ExportCommand.ImplementationRegions.class})
public final class ExportCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "a report is required: " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The Global Report CSV of one edition: the national statistics, country rows. */
    @Command(name = "glotip",
        mixinStandardHelpOptions = true,
        description = "Download the Global Report CSV (UNODC long format: national statistics, one row per State)"
            + " of an edition whose cut-off has passed.")
    static final class Glotip extends CsvExport {

        Glotip() {
            super("glotip");
        }
    }

    /** The M49 regional sums of one edition's Global Report rows. */
    @Command(name = "glotip-regions",
        mixinStandardHelpOptions = true,
        description = "Download the regional aggregates (M49 regions and sub-regions) of an edition's Global Report"
            + " CSV.")
    static final class GlotipRegions extends CsvExport {

        GlotipRegions() {
            super("glotip-regions");
        }
    }

    /** Our implementation indicators of one cycle, in the same long format. */
    @Command(name = "implementation",
        mixinStandardHelpOptions = true,
        description = "Download tip-monitor's implementation indicators of a reporting cycle (same long format;"
            + " not Global Report data).")
    static final class Implementation extends CsvExport {

        Implementation() {
            super("implementation");
        }
    }

    /** The M49 region and sub-region rows of our implementation indicators of one cycle. */
    @Command(name = "implementation-regions",
        mixinStandardHelpOptions = true,
        description = "Download the M49 region and sub-region rows of tip-monitor's implementation indicators of a"
            + " reporting cycle (M49_code,Area in the first two columns).")
    static final class ImplementationRegions extends CsvExport {

        ImplementationRegions() {
            super("implementation-regions");
        }
    }

    /** Downloads one CSV file of a passed cycle. */
    abstract static class CsvExport implements Callable<Integer> {

        static final String DEFAULT_URL = "http://127.0.0.1:8080";
        private static final Duration TIMEOUT = Duration.ofSeconds(120);
        private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

        @Spec
        private CommandSpec spec;

        @Option(names = "--edition", required = true, paramLabel = "YEAR",
            description = "The edition, named by the year of its cut-off, e.g. 2016.")
        private int edition;

        @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the CSV; - for standard output.")
        private String out;

        @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Base URL of a running instance (default: ${DEFAULT-VALUE}).")
        private String url;

        @Option(names = "--bom",
            description = "Start the file with a UTF-8 byte order mark (for spreadsheets; csv readers, pandas and R"
                + " would see it in the first column name).")
        private boolean bom;

        private final String file;

        CsvExport(final String file) {
            this.file = file;
        }

        @Override
        public Integer call() {
            final PrintWriter err = spec.commandLine().getErr();
            try {
                final byte[] csv = download();
                final long rows = rows(csv);
                if ("-".equals(out)) {
                    final OutputStream stdout = System.out;
                    stdout.write(csv);
                    stdout.flush();
                } else {
                    write(Path.of(out), csv);
                    spec.commandLine().getOut().println("Wrote edition " + edition + " (" + rows + " rows) to "
                        + out);
                    spec.commandLine().getOut().flush();
                }
                return 0;
            } catch (final ExportException | IOException e) {
                err.println("tip-monitor export " + file + ": " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        URI csvUri() throws ExportException {
            final String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            final URI uri;
            try {
                uri = URI.create(base + "/api/v1/cycles/" + edition + "/" + file + ".csv" + (bom ? "?bom=true" : ""));
            } catch (final IllegalArgumentException e) {
                throw new ExportException("--url is not a URL: " + url);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ExportException("--url must be an http:// or https:// URL, not " + url);
            }
            return uri;
        }

        private byte[] download() throws ExportException {
            final URI uri = csvUri();
            final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
            final HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/csv")
                .GET().build();
            final HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (final ConnectException | HttpConnectTimeoutException e) {
                throw new ExportException("cannot reach a tip-monitor instance at " + url + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is it running? (--url)");
            } catch (final IOException e) {
                throw new ExportException("download from " + uri + " failed: " + e);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExportException("interrupted while downloading from " + uri);
            }
            final int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            final String message = errorMessage(response.body());
            switch (status) {
                case 404:
                    throw new ExportException("unknown edition " + edition + ": " + message);
                case 409:
                    throw new ExportException("edition " + edition + " is not final: " + message);
                case 503:
                    throw new ExportException("the instance at " + url + " is not ready (" + message
                        + "); try again in a moment");
                default:
                    throw new ExportException("the instance at " + url + " answered HTTP " + status + ": " + message);
            }
        }

        private static String errorMessage(final byte[] body) {
            final String text = new String(body, StandardCharsets.UTF_8).strip();
            try {
                final JsonNode node = AvroJson.parse(text);
                return node.path("error").asText(text);
            } catch (final AvroJsonException notJson) {
                return text.length() > 200 ? text.substring(0, 200) + "..." : text;
            }
        }

        /** Data rows: lines after the header (CRLF line ends; quoted fields never hold a line break here). */
        private static long rows(final byte[] csv) {
            long lines = 0;
            for (final byte b : csv) {
                if (b == '\n') {
                    lines++;
                }
            }
            return Math.max(0, lines - 1);
        }

        /** Through a temporary file and a move, so an interrupted export never leaves half a CSV. */
        private static void write(final Path target, final byte[] csv) throws IOException {
            final Path absolute = target.toAbsolutePath();
            final Path directory = absolute.getParent();
            if (directory != null && !Files.isDirectory(directory)) {
                throw new IOException("no such directory: " + directory);
            }
            final Path temporary = Files.createTempFile(directory, ".export-", ".csv.part");
            try {
                Files.write(temporary, csv);
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** A failure the user can act on, said in one line. */
    static final class ExportException extends Exception {

        private static final long serialVersionUID = 1L;

        ExportException(final String message) {
            super(message);
        }
    }
}
