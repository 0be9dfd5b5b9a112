package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.tipmonitor.json.AvroJson;

/**
 * Endpoints through which instances read each other's local state: each answers from this instance's active
 * partitions only, never forwarding, so there is no loop to guard against. Answers are {@link StoreJson} forms;
 * 503 while this instance cannot answer (the caller passes the 503 on). Not for public use: it serves any store of
 * the topology by name, so {@link RequestGuards} lets through only requests carrying the instances' shared secret
 * ({@link InternalSecret}); it still belongs behind the same network boundary as Kafka itself.
 */
public final class InternalStoreModule implements ApiModule {

    static final String BASE = "/internal/v1/stores/{store}";

    @Override
    public boolean internal() {
        return true;
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get(BASE + "/value", ctx -> ApiJson.ok(ctx,
            StoreJson.value(queries.local().value(store(ctx), key(ctx)))));
        app.get(BASE + "/version", ctx -> ApiJson.ok(ctx,
            StoreJson.version(queries.local().version(store(ctx), key(ctx), asOf(ctx)))));
        app.get(BASE + "/history", ctx -> ApiJson.ok(ctx,
            StoreJson.versions(queries.local().history(store(ctx), key(ctx)))));
        // Batches: one round trip for many keys of this instance (as-of tables and cycle exports read every cell).
        app.post(BASE + "/versions", ctx -> {
            final JsonNode request = body(ctx);
            ApiJson.ok(ctx, StoreJson.versionsByKey(queries.local().versions(store(ctx),
                StoreJson.readBatchKeys(request), asOf(request.path("asOf").asText(null)))));
        });
        app.post(BASE + "/histories", ctx -> ApiJson.ok(ctx, StoreJson.historiesByKey(
            queries.local().histories(store(ctx), StoreJson.readBatchKeys(body(ctx))))));
        app.get(BASE + "/rows", ctx -> ApiJson.ok(ctx,
            StoreJson.rows(queries.local().rows(store(ctx), ctx.queryParam("from"), ctx.queryParam("to")))));
    }

    private static String store(final Context ctx) {
        return ctx.pathParam("store");
    }

    private static String key(final Context ctx) {
        final String key = ctx.queryParam("key");
        if (key == null) {
            throw ApiException.badRequest("query parameter key is required");
        }
        return key;
    }

    private static JsonNode body(final Context ctx) {
        return AvroJson.parse(RequestGuards.body(ctx));
    }

    /** The {@code asOf} query parameter; null when absent; 400 naming the parameter when not an instant. */
    static Instant asOf(final Context ctx) {
        return asOf(ctx.queryParam("asOf"));
    }

    static Instant asOf(final String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        final Instant instant;
        try {
            instant = Instant.parse(asOf.trim());
        } catch (final DateTimeParseException e) {
            throw ApiException.badField("asOf", "not an ISO-8601 instant (e.g. 2014-03-01T00:00:00Z): " + asOf);
        }
        try {
            // The stores keep time as epoch milliseconds: an instant beyond them cannot be asked for.
            instant.toEpochMilli();
        } catch (final ArithmeticException e) {
            throw ApiException.badField("asOf", "out of the representable range of instants: " + asOf);
        }
        return instant;
    }
}
