package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The export command against a local HTTP server standing in for an instance's export endpoint. */
class ExportCommandTest {

    private static final String CSV = "\uFEFFIso3_code,Country\r\nFRA,France\r\nDEU,Germany\r\n";

    @TempDir
    Path dir;

    private HttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void writesTheDownloadedCsvToTheFile() throws Exception {
        final String url = serve();
        final Path file = dir.resolve("glotip-2016.csv");

        final int exit = run("glotip", "--edition", "2016", "--out", file.toString(), "--url", url);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(out.toString()).contains("2 rows").contains(file.toString());
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void anUnknownEditionIsOneLineAndExitCodeOne() throws Exception {
        final String url = serve();
        final Path file = dir.resolve("x.csv");

        final int exit = run("glotip", "--edition", "2015", "--out", file.toString(), "--url", url);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(
            "tip-monitor export glotip: unknown edition 2015: unknown edition 2015; configured editions: [2016]");
        assertThat(file).doesNotExist();
    }

    @Test
    void anUnreachableInstanceIsOneLineAndExitCodeOne() throws Exception {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        final int exit = run("glotip", "--edition", "2016", "--out", dir.resolve("x.csv").toString(),
            "--url", "http://127.0.0.1:" + port);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("tip-monitor export glotip: cannot reach a tip-monitor instance at "
            + "http://127.0.0.1:" + port).doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void editionAndOutAreRequired() {
        assertThat(run("glotip", "--out", "x.csv")).isEqualTo(2);
        assertThat(err.toString()).contains("--edition");
    }

    private int run(final String... args) {
        final CommandLine commandLine = new CommandLine(new ExportCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/cycles/", exchange -> {
            final boolean known = exchange.getRequestURI().getPath().equals("/api/v1/cycles/2016/glotip.csv");
            final byte[] body = (known ? CSV
                : "{\"error\": \"unknown edition 2015; configured editions: [2016]\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", known ? "text/csv; charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
