package org.tipmonitor.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A one-page dashboard at {@code /}: the per-recommendation table, the State × recommendation matrix, the regions
 * and the open gap alerts, live over server-sent events. It only reads the public API, so it shows nothing the API
 * does not; it ships inside the jar and loads nothing from the network.
 */
public final class DashboardModule implements ApiModule {

    static final String RESOURCE = "org/tipmonitor/api/dashboard.html";

    private final String page;

    public DashboardModule() {
        try (InputStream in = DashboardModule.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }
}
