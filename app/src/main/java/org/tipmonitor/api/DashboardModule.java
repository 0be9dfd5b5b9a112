package org.tipmonitor.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard: a page at {@code /} whose script draws hash-routed pages (overview, recommendations, countries,
 * matrix, alerts, cycles, submit) from the public API, plus its script, style sheet and icon. It only reads the
 * public API, so it shows nothing the API does not; it ships inside the jar and loads nothing from the network.
 */
public final class DashboardModule implements ApiModule {

    static final String DIRECTORY = "org/tipmonitor/api/dashboard/";

    /** Served path → resource file and content type: a fixed list, so no request can name another resource. */
    private static final Map<String, Asset> ASSETS = Map.of(
        "/", new Asset("index.html", "text/html; charset=utf-8"),
        "/dashboard/app.js", new Asset("app.js", "text/javascript; charset=utf-8"),
        "/dashboard/app.css", new Asset("app.css", "text/css; charset=utf-8"),
        "/favicon.ico", new Asset("favicon.svg", "image/svg+xml"));

    private record Asset(String file, String contentType) {
    }

    private final Map<String, byte[]> bodies;

    public DashboardModule() {
        final Map<String, byte[]> read = new java.util.HashMap<>();
        ASSETS.forEach((path, asset) -> read.put(path, resource(asset.file())));
        bodies = Map.copyOf(read);
    }

    static byte[] resource(final String file) {
        final String name = DIRECTORY + file;
        try (InputStream in = DashboardModule.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        ASSETS.forEach((path, asset) -> app.get(path, ctx -> {
            // Revalidated on every load, so that an upgraded instance never runs yesterday's script.
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(asset.contentType()).result(bodies.get(path));
        }));
    }
}
