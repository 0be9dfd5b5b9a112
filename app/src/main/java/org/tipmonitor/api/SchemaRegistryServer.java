package org.tipmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.serde.AvroCompatibility;
import org.tipmonitor.serde.BrowsableSchemaRegistry;
import org.tipmonitor.serde.IncompatibleSchemaException;
import org.tipmonitor.serde.RegisteredSchema;
import org.tipmonitor.serde.SchemaRegistryUnreachableException;

/**
 * Serves a registry of this process over the Confluent Schema Registry REST API, the subset Confluent's and
 * kafkajs' serializers use: register, look up, get by id, list subjects and versions, check compatibility, read the
 * (fixed, BACKWARD) compatibility level. Answers and errors have Confluent's shapes and codes
 * ({@code {"error_code": 40401, "message": …}}), so that a producer outside the JVM can join the demo with its
 * ordinary client. AVRO only; schema references are refused.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;
    private static final int SCHEMA_NOT_FOUND = 40403;
    private static final int INVALID_SCHEMA = 42201;
    private static final int INVALID_VERSION = 42202;
    private static final int UNPROCESSABLE = 422;
    private static final int INCOMPATIBLE = 409;
    private static final int BACKEND_ERROR = 50001;

    private final Javalin app;
    private final BrowsableSchemaRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    /** A refusal with Confluent's HTTP status and error code. */
    private static final class RegistryError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int code;

        RegistryError(final int status, final int code, final String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    private SchemaRegistryServer(final BrowsableSchemaRegistry registry) {
        this.registry = registry;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        app.exception(RegistryError.class, (e, ctx) -> error(ctx, e.status, e.code, e.getMessage()));
        app.exception(SchemaRegistryUnreachableException.class, (e, ctx) ->
            error(ctx, 500, BACKEND_ERROR, "Error in the backend data store: " + e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 50_000, "Internal error: " + e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
        app.get("/", ctx -> send(ctx, json.createObjectNode()));
        app.get("/schemas/types", ctx -> send(ctx, json.createArrayNode().add("AVRO")));
        app.get("/config", ctx -> send(ctx, compatibilityLevel()));
        app.get("/config/{subject}", ctx -> send(ctx, compatibilityLevel()));
        app.get("/subjects", ctx -> send(ctx, array(registry.subjects())));
        app.get("/subjects/{subject}/versions", ctx -> send(ctx, array(versionsOf(ctx.pathParam("subject")))));
        app.get("/subjects/{subject}/versions/{version}", ctx -> {
            final String subject = ctx.pathParam("subject");
            send(ctx, versionJson(subject, requireVersion(subject, ctx.pathParam("version"))));
        });
        app.get("/subjects/{subject}/versions/{version}/schema", ctx -> {
            final String subject = ctx.pathParam("subject");
            ctx.status(200).contentType(CONTENT_TYPE)
                .result(requireVersion(subject, ctx.pathParam("version")).schema().toString());
        });
        app.post("/subjects/{subject}/versions", this::register);
        app.post("/subjects/{subject}", this::lookup);
        app.get("/schemas/ids/{id}", ctx -> {
            final int id = schemaId(ctx.pathParam("id"));
            send(ctx, json.createObjectNode().put("schema", schemaById(id).toString()));
        });
        app.get("/schemas/ids/{id}/schema", ctx ->
            ctx.status(200).contentType(CONTENT_TYPE).result(schemaById(schemaId(ctx.pathParam("id"))).toString()));
        app.post("/compatibility/subjects/{subject}/versions/{version}", this::checkCompatibility);
    }

    /** The server with its routes; {@link #start} binds it. */
    public static SchemaRegistryServer create(final BrowsableSchemaRegistry registry) {
        return new SchemaRegistryServer(registry);
    }

    /** Binds the server; port 0 takes a free port, read it with {@link #port()}. */
    public SchemaRegistryServer start(final String host, final int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private void register(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final Schema schema = schemaOf(ctx);
        try {
            send(ctx, json.createObjectNode().put("id", registry.register(subject, schema)));
        } catch (final IncompatibleSchemaException e) {
            throw new RegistryError(INCOMPATIBLE, INCOMPATIBLE, "Schema being registered is incompatible with an"
                + " earlier schema for subject \"" + subject + "\": " + e.getMessage());
        }
    }

    private void lookup(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final Schema schema = schemaOf(ctx);
        versionsOf(subject);
        final RegisteredSchema found = registry.find(subject, schema).orElseThrow(() ->
            new RegistryError(404, SCHEMA_NOT_FOUND, "Schema not found"));
        send(ctx, versionJson(subject, found));
    }

    private void checkCompatibility(final Context ctx) {
        final String subject = ctx.pathParam("subject");
        final Schema schema = schemaOf(ctx);
        final RegisteredSchema against = requireVersion(subject, ctx.pathParam("version"));
        final List<String> problems = AvroCompatibility.problems(schema, against.schema());
        final ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if ("true".equals(ctx.queryParam("verbose"))) {
            answer.set("messages", array(problems));
        }
        send(ctx, answer);
    }

    private List<Integer> versionsOf(final String subject) {
        final List<Integer> versions = registry.versions(subject);
        if (versions.isEmpty()) {
            throw new RegistryError(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
        }
        return versions;
    }

    private RegisteredSchema requireVersion(final String subject, final String rawVersion) {
        final int version = versionNumber(rawVersion);
        versionsOf(subject);
        return registry.version(subject, version).orElseThrow(() ->
            new RegistryError(404, VERSION_NOT_FOUND, "Version " + rawVersion + " not found."));
    }

    private static int versionNumber(final String raw) {
        if ("latest".equals(raw) || "-1".equals(raw)) {
            return -1;
        }
        try {
            final int version = Integer.parseInt(raw);
            if (version >= 1) {
                return version;
            }
        } catch (final NumberFormatException e) {
            // Refused below, as Confluent does.
        }
        throw new RegistryError(UNPROCESSABLE, INVALID_VERSION, "The specified version '" + raw + "' is not a valid"
            + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static int schemaId(final String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (final NumberFormatException e) {
            throw new RegistryError(404, SCHEMA_NOT_FOUND, "Schema " + raw + " not found");
        }
    }

    private Schema schemaById(final int id) {
        try {
            return registry.getById(id);
        } catch (final org.tipmonitor.serde.UnknownSchemaIdException e) {
            throw new RegistryError(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
    }

    /** The schema of a request body {@code {"schema": "…", "schemaType": "AVRO", "references": []}}. */
    private Schema schemaOf(final Context ctx) {
        final JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (final JsonProcessingException e) {
            throw new RegistryError(UNPROCESSABLE, UNPROCESSABLE, "The request body is not JSON: "
                + e.getOriginalMessage());
        }
        if (body == null || !body.path("schema").isTextual()) {
            throw new RegistryError(UNPROCESSABLE, INVALID_SCHEMA, "Invalid schema: the body needs a \"schema\""
                + " string");
        }
        final String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new RegistryError(UNPROCESSABLE, INVALID_SCHEMA, "Invalid schema: only AVRO schemas are served"
                + " here, not " + type);
        }
        if (body.path("references").isArray() && !body.path("references").isEmpty()) {
            throw new RegistryError(UNPROCESSABLE, INVALID_SCHEMA, "Invalid schema: schema references are not"
                + " supported here");
        }
        try {
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (final SchemaParseException | IllegalArgumentException e) {
            throw new RegistryError(UNPROCESSABLE, INVALID_SCHEMA, "Invalid schema: " + e.getMessage());
        }
    }

    private ObjectNode versionJson(final String subject, final RegisteredSchema version) {
        return json.createObjectNode().put("subject", subject).put("version", version.version())
            .put("id", version.id()).put("schema", version.schema().toString());
    }

    private ObjectNode compatibilityLevel() {
        return json.createObjectNode().put("compatibilityLevel", "BACKWARD");
    }

    private ArrayNode array(final List<?> values) {
        final ArrayNode array = json.createArrayNode();
        values.forEach(value -> array.addPOJO(value));
        return array;
    }

    private void send(final Context ctx, final JsonNode body) {
        write(ctx, 200, body);
    }

    private void error(final Context ctx, final int status, final int code, final String message) {
        write(ctx, status, json.createObjectNode().put("error_code", code).put("message", message));
    }

    private void write(final Context ctx, final int status, final JsonNode body) {
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
        } catch (final JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException("could not write a JSON tree", cannotHappenForATree);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
