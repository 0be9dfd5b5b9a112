package org.tipmonitor.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.json.AvroJsonException;

/**
 * The HTTP server: Javalin with the given modules, the request guards ({@link RequestGuards}), one error shape
 * ({@link ApiErrors}) for every failure including Jetty's own, and a timer per route and status. Created with its routes, then started on a port (0 picks a free one).
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    /** A registered route, as the OpenAPI document must describe it. */
    public record Route(String method, String path) {
    }

    private final Javalin app;
    /** The listener of the internal channel when it has a port of its own; null when the API's port serves it. */
    private final Javalin internalApp;
    private final OptionalInt internalPort;
    private final List<Route> routes;

    private ApiServer(final Javalin app, final Javalin internalApp, final OptionalInt internalPort,
                      final List<Route> routes) {
        this.app = app;
        this.internalApp = internalApp;
        this.internalPort = internalPort;
        this.routes = routes;
    }

    /** A server with the default protection: a random internal secret, public reads, no read tokens. */
    public static ApiServer create(final StoreQueries queries, final List<ApiModule> modules,
                                   final MeterRegistry metrics) {
        return create(queries, modules, metrics, new Protection(ApiSettings.defaults(), queries.internalSecret(),
            null));
    }

    /**
     * How the server protects itself.
     *
     * @param settings       limits, read-auth, CORS
     * @param internalSecret what other instances must present on {@code /internal/v1/...}
     * @param readTokens     the tokens that may read when read-auth is on; null when there is no tokens file
     */
    public record Protection(ApiSettings settings, InternalSecret internalSecret, BearerTokens readTokens) {
    }

    public static ApiServer create(final StoreQueries queries, final List<ApiModule> modules,
                                   final MeterRegistry metrics, final Protection protection) {
        final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
        final OptionalInt internalPort = protection.settings().internalPort();
        if (internalPort.isEmpty()) {
            return new ApiServer(javalin(queries, modules, metrics, protection, routes), null, internalPort, routes);
        }
        // Two listeners, each with the same guards and error shape: the public one without the internal endpoints,
        // the internal one with nothing else, so a firewall can keep the instances' channel to the instances.
        final List<ApiModule> publicModules = modules.stream().filter(module -> !module.internal()).toList();
        final List<ApiModule> internalModules = modules.stream().filter(ApiModule::internal).toList();
        return new ApiServer(javalin(queries, publicModules, metrics, protection, routes),
            javalin(queries, internalModules, metrics, protection, routes), internalPort, routes);
    }

    private static Javalin javalin(final StoreQueries queries, final List<ApiModule> modules,
                                   final MeterRegistry metrics, final Protection protection, final List<Route> routes) {
        final ApiSettings settings = protection.settings();
        final Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // The guards read bodies themselves, bounded; this is Javalin's own limit for anything else.
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorHandler()));
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule ->
                    settings.corsOrigins().forEach(rule::allowHost)));
            }
            config.events(events -> events.handlerAdded(handler -> {
                if (handler.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(handler.getHttpMethod().name(), handler.getPath()));
                }
            }));
            config.requestLogger.http((ctx, millis) -> time(metrics, ctx, millis));
        });
        new RequestGuards(settings, protection.internalSecret(), protection.readTokens()).install(app);
        app.exception(ApiException.class, (e, ctx) -> {
            if (e instanceof StoresUnavailableException) {
                ctx.header("Retry-After", Integer.toString(StoresUnavailableException.RETRY_AFTER_SECONDS));
            }
            if (e instanceof TooManyRequestsException) {
                ctx.header("Retry-After", Long.toString(((TooManyRequestsException) e).retryAfterSeconds()));
            }
            ApiErrors.send(ctx, e.status(), e.getMessage(), e.field(),
                e instanceof SubmissionGateway.RejectedSubmissionException rejected ? rejected.problemsJson() : null);
        });
        app.exception(AvroJsonException.class, (e, ctx) ->
            ApiErrors.send(ctx, 400, e.getMessage(), e.path().isEmpty() ? null : e.path()));
        app.exception(HttpResponseException.class, (e, ctx) ->
            ApiErrors.send(ctx, e.getStatus(), ApiErrors.phrase(e.getStatus()), null));
        app.exception(Exception.class, (e, ctx) -> {
            final String id = ApiErrors.requestId(ctx);
            LOG.error("request {} {} {} failed", id, ctx.method(), ctx.path(), e);
            ApiErrors.send(ctx, 500, "internal error; quote requestId " + id + " when reporting it", null);
        });
        // Javalin's own answers without an exception (no route matched): the same shape.
        app.error(404, ctx -> {
            if (!ApiErrors.written(ctx)) {
                ApiErrors.send(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), null);
            }
        });
        for (final ApiModule module : modules) {
            module.register(app, queries);
        }
        return app;
    }

    /** Binds the server; port 0 takes a free port, read it with {@link #port()}. */
    public ApiServer start(final String host, final int port) {
        app.start(host, port);
        if (internalApp != null) {
            try {
                internalApp.start(host, internalPort.getAsInt());
            } catch (final RuntimeException e) {
                app.stop(); // nobody holds this server yet to close it
                throw e;
            }
        }
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The port of {@code /internal/v1/...}, which the instance advertises to the others: its own, or the API's. */
    public int internalPort() {
        return internalApp == null ? app.port() : internalApp.port();
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
        if (internalApp != null) {
            internalApp.stop();
        }
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
