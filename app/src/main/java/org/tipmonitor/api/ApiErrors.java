package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape of every error answer, whatever its status and whoever produced it (a handler, Javalin, Jetty):
 * {@code {"error": "what is wrong", "field": "where, or null", "requestId": "..."}}. The request id is also sent as
 * {@value #REQUEST_ID_HEADER} and logged with the error, so a report quoting it finds the log line. Messages are
 * for people: no stack trace, file path or class name reaches the body.
 */
public final class ApiErrors {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String REQUEST_ID_ATTRIBUTE = "tip.requestId";
    private static final String WRITTEN_ATTRIBUTE = "tip.errorWritten";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Java-ish names that may ride along in a library's message: {@code a.b.C}, {@code `X.y()`}, FooException. */
    private static final Pattern CODE_NAMES = Pattern.compile(
        "`[^`]*`|\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*\\b"
            + "|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Store|Constraints|Impl)\\b|(?:/[\\w.-]+){2,}");

    private ApiErrors() {
    }

    /** The request's id, made up on first use. */
    public static String requestId(final Context ctx) {
        final Object known = ctx.attribute(REQUEST_ID_ATTRIBUTE);
        if (known != null) {
            return known.toString();
        }
        final String id = newRequestId();
        ctx.attribute(REQUEST_ID_ATTRIBUTE, id);
        ctx.header(REQUEST_ID_HEADER, id);
        return id;
    }

    static String newRequestId() {
        final byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Writes the error answer and logs it with its request id. */
    public static void send(final Context ctx, final int status, final String message, final String field) {
        send(ctx, status, message, field, null);
    }

    /** @param problems each problem of a refused submission, or null */
    static void send(final Context ctx, final int status, final String message, final String field,
                     final JsonNode problems) {
        final String id = requestId(ctx);
        final String clean = clean(message);
        if (status >= 500) {
            LOG.warn("request {} {} {} -> {}: {}", id, ctx.method(), ctx.path(), status, clean);
        } else {
            LOG.info("request {} {} {} -> {}: {}", id, ctx.method(), ctx.path(), status, clean);
        }
        ctx.attribute(WRITTEN_ATTRIBUTE, Boolean.TRUE);
        final ObjectNode body = body(status, clean, field, id);
        if (problems != null) {
            body.set("problems", problems);
        }
        ApiJson.send(ctx, status, body);
    }

    /** Whether this request's error answer is already written. */
    static boolean written(final Context ctx) {
        return ctx.attribute(WRITTEN_ATTRIBUTE) != null;
    }

    static ObjectNode body(final int status, final String message, final String field, final String requestId) {
        final ObjectNode body = ApiJson.object().put("error", clean(message));
        body.put("field", field);
        body.put("requestId", requestId);
        return body;
    }

    /** The message without code names; a generic phrase when nothing readable is left. */
    static String clean(final String message) {
        if (message == null || message.isBlank()) {
            return "request failed";
        }
        final String cleaned = CODE_NAMES.matcher(message).replaceAll("").replaceAll("\\s{2,}", " ").trim();
        return cleaned.isEmpty() ? "request failed" : cleaned;
    }

    /** A readable phrase for a status without a message of ours (Jetty's and Javalin's own errors). */
    static String phrase(final int status) {
        return switch (status) {
            case 400 -> "bad request: the request line, a header or the URI is malformed";
            case 401 -> "authentication required";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 408 -> "request timeout";
            case 413 -> "request body too large";
            case 414 -> "URI too long";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            case 500 -> "internal error";
            case 501 -> "not implemented";
            case 503 -> "service unavailable";
            default -> "HTTP status " + status;
        };
    }
}
