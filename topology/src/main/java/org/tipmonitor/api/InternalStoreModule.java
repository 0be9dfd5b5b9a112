package org.tipmonitor.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Endpoints through which instances read each other's local state: each answers from this instance's active
 * partitions only, never forwarding, so there is no loop to guard against. Answers are {@link StoreJson} forms;
 * 503 while this instance cannot answer (the caller passes the 503 on). Not for public use: it serves any store of
 * the topology by name, without authentication, and belongs behind the same network boundary as Kafka itself.
 */
public final class InternalStoreModule implements ApiModule {

    static final String BASE = "/internal/v1/stores/{store}";

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get(BASE + "/value", ctx -> ApiJson.ok(ctx,
            StoreJson.value(queries.local().value(store(ctx), key(ctx)))));
        app.get(BASE + "/version", ctx -> ApiJson.ok(ctx,
            StoreJson.version(queries.local().version(store(ctx), key(ctx), asOf(ctx)))));
        app.get(BASE + "/history", ctx -> ApiJson.ok(ctx,
            StoreJson.versions(queries.local().history(store(ctx), key(ctx)))));
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

    static Instant asOf(final Context ctx) {
        final String asOf = ctx.queryParam("asOf");
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(asOf.trim());
        } catch (final DateTimeParseException e) {
            throw ApiException.badRequest("asOf: not an ISO-8601 instant (e.g. 2014-03-01T00:00:00Z): " + asOf);
        }
    }
}
