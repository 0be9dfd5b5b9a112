package org.tipmonitor.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every request passes before its handler runs: a request id; on {@code /internal/v1/...} the instances'
 * shared secret (401 without); with read-auth a bearer token on the read endpoints (401 without); on POST a JSON
 * body (415 otherwise) of at most the configured size (413), valid UTF-8 without NUL characters (400), read here
 * once so that a handler never reads an unbounded body. Handlers get the body with {@link #body(Context)}.
 */
final class RequestGuards {

    static final String INTERNAL_PATHS = "/internal/";
    private static final String BODY_ATTRIBUTE = "tip.body";
    private static final String BEARER = "bearer ";
    /** Open even with read-auth: how to talk to the API, and the probes of orchestrators. */
    private static final List<String> ALWAYS_PUBLIC = List.of("/api/v1/openapi.json");

    private final ApiSettings settings;
    private final InternalSecret internalSecret;
    private final BearerTokens readTokens;

    /** @param readTokens the tokens that may read when read-auth is on; null when there are none */
    RequestGuards(final ApiSettings settings, final InternalSecret internalSecret, final BearerTokens readTokens) {
        this.settings = settings;
        this.internalSecret = internalSecret;
        this.readTokens = readTokens;
        if (settings.readAuth() && readTokens == null) {
            throw new IllegalArgumentException(ApiSettings.READ_AUTH + "=true needs a tokens file (--tokens): the"
                + " read endpoints would answer nobody");
        }
    }

    void install(final Javalin app) {
        app.before(this::check);
    }

    private void check(final Context ctx) {
        ApiErrors.requestId(ctx);
        final String path = ctx.path();
        if (path.indexOf('\0') >= 0 || ctx.queryString() != null && hasNul(ctx.queryParamMap())) {
            throw new ApiException(400, "the URI holds a NUL character");
        }
        if (path.startsWith(INTERNAL_PATHS)) {
            if (!internalSecret.matches(ctx.header(InternalSecret.HEADER))) {
                throw new ApiException(401, "internal endpoint: the instances' shared secret is required");
            }
        } else if (settings.readAuth() && isRead(ctx) && path.startsWith("/api/") && !ALWAYS_PUBLIC.contains(path)
            && readTokens.find(bearerToken(ctx)).isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "a valid bearer token is required to read (Authorization: Bearer <token>)");
        }
        if (ctx.method() == HandlerType.POST) {
            requireJson(ctx);
            ctx.attribute(BODY_ATTRIBUTE, readBody(ctx));
        }
    }

    private static boolean isRead(final Context ctx) {
        return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    }

    private static boolean hasNul(final Map<String, List<String>> params) {
        return params.entrySet().stream().anyMatch(entry -> entry.getKey().indexOf('\0') >= 0
            || entry.getValue().stream().anyMatch(value -> value.indexOf('\0') >= 0));
    }

    private static void requireJson(final Context ctx) {
        final String type = ctx.header("Content-Type");
        final String[] parts = type == null ? new String[] {""} : type.split(";");
        final boolean json = ApiJson.JSON.equals(parts[0].trim().toLowerCase(Locale.ROOT));
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            final String[] parameter = parts[i].trim().split("=", 2);
            if ("charset".equalsIgnoreCase(parameter[0].trim()) && parameter.length == 2
                && !"utf-8".equalsIgnoreCase(parameter[1].trim().replace("\"", ""))) {
                utf8 = false;
            }
        }
        if (!json || !utf8) {
            throw new ApiException(415, "Content-Type must be application/json (UTF-8), not "
                + (type == null ? "absent" : "\"" + type + "\""), "Content-Type");
        }
    }

    private String readBody(final Context ctx) {
        final int limit = settings.maxBodyBytes();
        final long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        final byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(limit + 1);
        } catch (final IOException e) {
            throw new ApiException(400, "the request body could not be read");
        }
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (final CharacterCodingException e) {
            throw new ApiException(400, "the request body is not valid UTF-8");
        }
        if (text.indexOf('\0') >= 0) {
            throw new ApiException(400, "the request body holds a NUL character");
        }
        return text;
    }

    private static ApiException tooLarge(final int limit) {
        return new ApiException(413, "the request body is larger than " + limit + " bytes (" + ApiSettings.MAX_BODY_BYTES
            + ")");
    }

    /** The body the guard read and checked; for a POST handler. */
    static String body(final Context ctx) {
        final Object body = ctx.attribute(BODY_ATTRIBUTE);
        return body == null ? ctx.body() : body.toString();
    }

    static String bearerToken(final Context ctx) {
        final String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }

    static Optional<String> header(final Context ctx, final String name) {
        return Optional.ofNullable(ctx.header(name));
    }
}
