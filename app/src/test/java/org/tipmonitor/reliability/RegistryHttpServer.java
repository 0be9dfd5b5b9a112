package org.tipmonitor.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.tipmonitor.serde.AvroSerdeException;
import org.tipmonitor.serde.IncompatibleSchemaException;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.serde.RegisteredSchema;

/**
 * The part of the Confluent schema registry REST API that the project's HTTP client speaks, served from this JVM
 * over an {@link InMemorySchemaRegistry}: so that an application in another process (killed and restarted by the
 * crash test) and the test's own producers and verifier agree on schema ids, without a registry process of its own.
 * Ids live as long as the test JVM, which outlives every application process.
 */
final class RegistryHttpServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int SCHEMA_NOT_FOUND = 40403;

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final java.util.Set<Integer> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpServer server;

    RegistryHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** From now on, answer that this id is unknown, as a registry that lost it (until {@link #restore}). */
    void lose(final int id) {
        lost.add(id);
    }

    /** Answer this id again, as a registry restored from a backup. */
    void restore(final int id) {
        lost.remove(id);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final String method = exchange.getRequestMethod();
            final String[] path = exchange.getRequestURI().getRawPath().substring(1).split("/");
            final JsonNode body = "POST".equals(method) ? JSON.readTree(exchange.getRequestBody()) : null;
            try {
                if ("GET".equals(method) && path.length == 3 && "schemas".equals(path[0]) && "ids".equals(path[1])
                    && lost.contains(Integer.parseInt(path[2]))) {
                    send(exchange, 404, Map.of("error_code", SCHEMA_NOT_FOUND, "message", "Schema not found"));
                } else if ("GET".equals(method) && path.length == 3 && "schemas".equals(path[0])
                    && "ids".equals(path[1])) {
                    final Schema schema = registry.getById(Integer.parseInt(path[2]));
                    send(exchange, 200, Map.of("schema", schema.toString()));
                } else if ("POST".equals(method) && path.length == 3 && "subjects".equals(path[0])
                    && "versions".equals(path[2])) {
                    send(exchange, 200, Map.of("id", registry.register(decode(path[1]), schema(body))));
                } else if ("POST".equals(method) && path.length == 2 && "subjects".equals(path[0])) {
                    final String subject = decode(path[1]);
                    final int id = registry.lookupId(subject, schema(body));
                    send(exchange, 200, Map.of("subject", subject, "id", id, "version", 1,
                        "schema", registry.getById(id).toString()));
                } else if ("GET".equals(method) && path.length == 4 && "subjects".equals(path[0])
                    && "latest".equals(path[3])) {
                    final RegisteredSchema latest = registry.latest(decode(path[1]));
                    send(exchange, 200, Map.of("id", latest.id(), "version", latest.version(),
                        "schema", latest.schema().toString()));
                } else if ("POST".equals(method) && path.length == 5 && "compatibility".equals(path[0])) {
                    send(exchange, 200, Map.of("is_compatible", registry.isCompatible(decode(path[2]), schema(body))));
                } else {
                    send(exchange, 404, Map.of("error_code", 404, "message", "no such route"));
                }
            } catch (final IncompatibleSchemaException e) {
                send(exchange, 409, Map.of("error_code", 409, "message", e.getMessage()));
            } catch (final AvroSerdeException e) {
                final int code = path[0].equals("schemas") ? SCHEMA_NOT_FOUND : SUBJECT_NOT_FOUND;
                send(exchange, 404, Map.of("error_code", code, "message", e.getMessage()));
            }
        }
    }

    private static Schema schema(final JsonNode body) {
        return new Schema.Parser().parse(body.path("schema").asText());
    }

    private static String decode(final String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static void send(final HttpExchange exchange, final int status, final Map<String, ?> body)
        throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
