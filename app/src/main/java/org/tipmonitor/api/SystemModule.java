package org.tipmonitor.api;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Liveness, readiness, Prometheus metrics and the OpenAPI description. {@code /health} answers 503 DOWN when the
 * instance cannot recover by itself (Streams in ERROR); {@code /ready} answers 503 while it should get no traffic
 * (stream threads failing or being replaced, stores not answering).
 */
public final class SystemModule implements ApiModule {

    /** Classpath location of the hand-written OpenAPI 3 description of every route. */
    public static final String OPENAPI_RESOURCE = "org/tipmonitor/api/openapi.json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry metrics;
    private final InstanceHealth health;
    private final String openApi;

    public SystemModule(final PrometheusMeterRegistry metrics) {
        this(metrics, InstanceHealth.UP);
    }

    public SystemModule(final PrometheusMeterRegistry metrics, final InstanceHealth health) {
        this.metrics = metrics;
        this.health = health;
        this.openApi = openApiDocument();
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get("/health", ctx -> {
            final Optional<String> down = health.down();
            if (down.isPresent()) {
                ApiJson.send(ctx, 503, ApiJson.object().put("status", "DOWN").put("reason", down.get()));
            } else {
                ApiJson.ok(ctx, ApiJson.object().put("status", "UP"));
            }
        });
        app.get("/ready", ctx -> {
            final Optional<String> unready = health.down().or(health::unready);
            if (unready.isPresent()) {
                throw new StoresUnavailableException(unready.get());
            }
            final StoreQueries.Readiness readiness = queries.readiness();
            if (readiness.ready()) {
                ApiJson.ok(ctx, ApiJson.object().put("status", "READY"));
            } else {
                throw new StoresUnavailableException(readiness.reason());
            }
        });
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
        app.get("/api/v1/openapi.json", ctx -> ctx.contentType(ApiJson.JSON).result(openApi));
    }

    /** The OpenAPI document as shipped. */
    public static String openApiDocument() {
        try (InputStream in = SystemModule.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
