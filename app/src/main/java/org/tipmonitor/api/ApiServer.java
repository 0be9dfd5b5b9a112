package org.tipmonitor.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.json.AvroJsonException;

/**
 * The HTTP server: Javalin with the given modules, one error format ({@code {"error": "..."}}) for every failure,
 * and a timer per route and status. Created with its routes, then started on a port (0 picks a free one).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** A registered route, as the OpenAPI document must describe it. */
    public record Route(String method, String path) {
    }

    private final Javalin app;
    private final List<Route> routes;

    private ApiServer(final Javalin app, final List<Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    public static ApiServer create(final StoreQueries queries, final List<ApiModule> modules,
                                   final MeterRegistry metrics) {
        final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
        final Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.events(events -> events.handlerAdded(handler -> {
                if (handler.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(handler.getHttpMethod().name(), handler.getPath()));
                }
            }));
            config.requestLogger.http((ctx, millis) -> time(metrics, ctx, millis));
        });
        app.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof StoresUnavailableException) {
                ctx.header("Retry-After", Integer.toString(StoresUnavailableException.RETRY_AFTER_SECONDS));
            }
            ApiJson.send(ctx, e.status(), ApiJson.error(e.getMessage()));
        });
        app.exception(AvroJsonException.class, (e, ctx) -> ApiJson.send(ctx, 400, ApiJson.error(e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ApiJson.send(ctx, 500, ApiJson.error("internal error: " + e.getClass().getSimpleName()));
        });
        for (final ApiModule module : modules) {
            module.register(app, queries);
        }
        return new ApiServer(app, routes);
    }

    /** Binds the server; port 0 takes a free port, read it with {@link #port()}. */
    public ApiServer start(final String host, final int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP route registered, in registration order. */
    public List<Route> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void time(final MeterRegistry metrics, final Context ctx, final float millis) {
        Timer.builder("http.server.requests")
            .description("HTTP requests served, by route and status")
            .tag("method", ctx.method().name())
            .tag("route", route(ctx))
            .tag("status", Integer.toString(ctx.statusCode()))
            .register(metrics)
            .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The route template, not the path: paths carry ids and would make a meter per id. */
    private static String route(final Context ctx) {
        try {
            final String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() ? "unmatched" : path;
        } catch (final RuntimeException noEndpointMatched) {
            return "unmatched";
        }
    }
}
