package org.tipmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.tipmonitor.json.AvroJson;

/** Writes JSON answers with the project's mapper, so Avro records keep exactly the contract's field names. */
public final class ApiJson {

    public static final String JSON = "application/json";

    private ApiJson() {
    }

    public static void send(final Context ctx, final int status, final JsonNode body) {
        try {
            ctx.status(status).contentType(JSON).result(AvroJson.mapper().writeValueAsString(body));
        } catch (final JsonProcessingException cannotHappenForATree) {
            throw new IllegalStateException("could not write a JSON tree", cannotHappenForATree);
        }
    }

    public static void ok(final Context ctx, final JsonNode body) {
        send(ctx, 200, body);
    }

    public static ObjectNode object() {
        return AvroJson.mapper().createObjectNode();
    }

    public static ObjectNode error(final String message) {
        return object().put("error", message);
    }
}
