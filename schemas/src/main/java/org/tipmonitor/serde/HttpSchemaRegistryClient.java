package org.tipmonitor.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Client of the Confluent schema registry REST API (also served by Apicurio's ccompat API) on the
 * JDK's HTTP client. The URLs are tried in turn until one answers; answers are cached because ids
 * and schemas never change once registered. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int SUBJECT_NOT_FOUND = 40401;
    private static final int VERSION_NOT_FOUND = 40402;

    private final List<Endpoint> endpoints;
    private final String describedUrls;
    private final SerdeConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();

    /** One registry URL with its credentials taken out of it. */
    private record Endpoint(String baseUrl, String authorization) {
    }

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** What one URL answered. */
    private record Answer(int status, JsonNode body, String raw, String url) {
    }

    public HttpSchemaRegistryClient(final SerdeConfig config) {
        if (config.isMock() || config.isKafkaTopic()) {
            throw new ConfigException("A " + SerdeConfig.MOCK_URL_PREFIX + " or " + SerdeConfig.KAFKA_URL_PREFIX
                    + " URL selects a registry in this process, not the HTTP client.");
        }
        this.config = config;
        this.endpoints = config.urls().stream().map(url -> endpoint(url, config)).toList();
        this.describedUrls = String.join(", ", config.urls().stream().map(SerdeConfig::redact).toList());
        this.http = HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }

    private static Endpoint endpoint(final String url, final SerdeConfig config) {
        final URI uri = URI.create(url);
        final String rawUserInfo = uri.getRawUserInfo();
        final String base = rawUserInfo == null ? url : url.replace(rawUserInfo + "@", "");
        final String userInfo = switch (config.credentialsSource()) {
            case USER_INFO -> config.userInfo().orElseThrow();
            case URL -> rawUserInfo == null ? null : URLDecoder.decode(rawUserInfo, StandardCharsets.UTF_8);
        };
        return new Endpoint(base, userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final Answer answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        if (answer.status == 409) {
            throw new IncompatibleSchemaException(subject, errorMessage(answer));
        }
        requireOk(answer, "register a schema under subject '" + subject + "'");
        return remember(key, answer.body.path("id").asInt());
    }

    @Override
    public int lookupId(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        final Answer answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        if (answer.status == 404) {
            throw new SchemaNotRegisteredException("Schema " + schema.getFullName() + " is not registered under subject '"
                    + subject + "' at " + answer.url + " (" + errorMessage(answer) + ").");
        }
        requireOk(answer, "look up a schema under subject '" + subject + "'");
        return remember(key, answer.body.path("id").asInt());
    }

    private int remember(final SubjectSchema key, final int id) {
        idBySubjectSchema.put(key, id);
        schemaById.putIfAbsent(id, key.schema());
        return id;
    }

    @Override
    public Schema getById(final int id) {
        final Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        final Answer answer = send("GET", "/schemas/ids/" + id, null);
        if (answer.status == 404) {
            throw new UnknownSchemaIdException(id, answer.url);
        }
        requireOk(answer, "fetch schema id " + id);
        final Schema schema = parse(answer, "schema id " + id);
        final Schema raced = schemaById.putIfAbsent(id, schema);
        return raced == null ? schema : raced;
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final Answer answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        if (answer.status == 404) {
            throw new SchemaNotRegisteredException("Subject '" + subject + "' has no versions at " + answer.url
                    + " (" + errorMessage(answer) + ").");
        }
        requireOk(answer, "fetch the latest version of subject '" + subject + "'");
        final int id = answer.body.path("id").asInt();
        final Schema schema = parse(answer, "the latest version of subject '" + subject + "'");
        schemaById.putIfAbsent(id, schema);
        return new RegisteredSchema(id, answer.body.path("version").asInt(), schema);
    }

    @Override
    public boolean isCompatible(final String subject, final Schema schema) {
        final Answer answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                schemaBody(schema));
        final int code = answer.body.path("error_code").asInt();
        if (answer.status == 404 && (code == SUBJECT_NOT_FOUND || code == VERSION_NOT_FOUND)) {
            return true;
        }
        requireOk(answer, "check compatibility under subject '" + subject + "'");
        return answer.body.path("is_compatible").asBoolean(false);
    }

    private Schema parse(final Answer answer, final String what) {
        final String text = answer.body.path("schema").asText(null);
        if (text == null) {
            throw new SchemaRegistryErrorException("The schema registry at " + answer.url + " sent no schema for "
                    + what + ".");
        }
        return new Schema.Parser().parse(text);
    }

    private String schemaBody(final Schema schema) {
        try {
            return json.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("Could not write a registry request as JSON", e);
        }
    }

    private static void requireOk(final Answer answer, final String action) {
        if (answer.status / 100 != 2) {
            throw new SchemaRegistryErrorException("The schema registry at " + answer.url + " answered "
                    + answer.status + " when asked to " + action + ": " + errorMessage(answer) + ".");
        }
    }

    private static String errorMessage(final Answer answer) {
        final String message = answer.body.path("message").asText("");
        return message.isEmpty() ? answer.raw : message;
    }

    /** Sends to each URL in turn; moves on when one cannot be reached or fails on its side (5xx). */
    private Answer send(final String method, final String path, final String body) {
        final List<String> failures = new ArrayList<>();
        Exception lastCause = null;
        for (final Endpoint endpoint : endpoints) {
            final String url = endpoint.baseUrl() + path;
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(config.requestTimeout())
                    .header("Accept", CONTENT_TYPE + ", application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", CONTENT_TYPE);
            }
            if (endpoint.authorization() != null) {
                request.header("Authorization", endpoint.authorization());
            }
            try {
                final HttpResponse<String> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() >= 500) {
                    failures.add(endpoint.baseUrl() + " answered " + response.statusCode());
                    continue;
                }
                return new Answer(response.statusCode(), readJson(response.body()), response.body(), endpoint.baseUrl());
            } catch (final IOException e) {
                failures.add(endpoint.baseUrl() + " failed with " + e);
                lastCause = e;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnreachableException(describedUrls, "interrupted while waiting for an answer", e);
            }
        }
        throw new SchemaRegistryUnreachableException(describedUrls, String.join("; ", failures), lastCause);
    }

    private JsonNode readJson(final String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (final JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient{" + describedUrls + "}";
    }
}
