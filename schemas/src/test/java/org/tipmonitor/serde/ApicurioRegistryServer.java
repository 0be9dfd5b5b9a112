package org.tipmonitor.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Apicurio Registry (in-memory storage) in a child JVM on 127.0.0.1, for integration tests
 * of the Confluent-API client and for app/'s tests whose instances run in separate processes (they cannot share
 * an in-memory registry). The build fetches the distribution zip into the local Maven
 * repository (maven-dependency-plugin:get at pre-integration-test) and passes its path as the
 * system property apicurio.zip; this class unzips it once into apicurio.dir.
 */
public final class ApicurioRegistryServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.getLong("apicurio.readyTimeoutSeconds", 90));

    private final Process process;
    private final String baseUrl;

    private ApicurioRegistryServer(final Process process, final String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static ApicurioRegistryServer start() throws IOException, InterruptedException {
        final Path zip = Path.of(requiredProperty("apicurio.zip"));
        final Path dir = Path.of(requiredProperty("apicurio.dir"));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The Apicurio Registry distribution is not at " + zip + ". The schemas build"
                    + " fetches it in the pre-integration-test phase (mvn -pl schemas verify); to fetch it by hand run"
                    + " mvn dependency:get -Dartifact=io.apicurio:apicurio-registry-app:3.0.9:zip:all -Dtransitive=false");
        }
        final Optional<Path> unzipped = runnerJar(dir);
        final Path runner = unzipped.isPresent() ? unzipped.get() : unzip(zip, dir);
        final int port = freePort();
        final Path log = dir.getParent().resolve("apicurio-" + port + ".log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final long started = System.nanoTime();
        final Process process = new ProcessBuilder(java,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                // The registry only serves tests: skip the optimising compiler to start faster on few cores.
                "-XX:TieredStopAtLevel=1",
                "-jar", runner.toString())
                .directory(runner.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        final String base = "http://127.0.0.1:" + port;
        try {
            awaitReady(process, base, log);
        } catch (final IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
        final Duration startup = Duration.ofNanos(System.nanoTime() - started);
        Files.writeString(dir.getParent().resolve("apicurio-startup.txt"), startup.toMillis() + " ms\n");
        System.out.println("Apicurio Registry ready on port " + port + " after " + startup.toMillis() + " ms (log: "
                + log + ")");
        return new ApicurioRegistryServer(process, base);
    }

    private static String requiredProperty(final String name) {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the integration tests through"
                    + " Maven (mvn -pl schemas verify), whose failsafe configuration sets it.");
        }
        return value;
    }

    private static Optional<Path> runnerJar(final Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
        }
    }

    /** Unzips into a temporary sibling, then renames, so that an interrupted unzip is never mistaken for a whole one. */
    private static Path unzip(final Path zip, final Path dir) throws IOException {
        final Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                final Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("Zip entry " + entry.getName() + " points outside " + partial);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteTree(dir);
        Files.move(partial, dir);
        return runnerJar(dir).orElseThrow(() -> new IllegalStateException("No *-runner.jar in " + zip));
    }

    private static void deleteTree(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(final Process process, final String base, final Path log)
            throws IOException, InterruptedException {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with status " + process.exitValue()
                        + " before it was ready; its output: " + log + "\n" + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (final IOException notYetListening) {
                // Still starting: the port opens late in Quarkus' start-up.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Apicurio Registry was not ready within " + READY_TIMEOUT.toSeconds()
                + " s; its output: " + log + "\n" + tail(log));
    }

    private static String tail(final Path log) {
        try {
            final List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Confluent-compatible API root, to be used as schema.registry.url. */
    public String confluentApiUrl() {
        return baseUrl + "/apis/ccompat/v7";
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(final Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
