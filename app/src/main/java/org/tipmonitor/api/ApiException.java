package org.tipmonitor.api;

/**
 * A request that ends with an HTTP error status and a message meant for the caller. The server turns it into
 * {@code {"error": message, "field": ..., "requestId": ...}} with the status; handlers throw it instead of writing error responses themselves.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public ApiException(final int status, final String message) {
        this(status, message, (String) null);
    }

    public ApiException(final int status, final String message, final Throwable cause) {
        super(message, cause);
        this.status = status;
        this.field = null;
    }

    /** @param field the request field at fault (e.g. {@code responses[3].narrative}), or null */
    public ApiException(final int status, final String message, final String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** 400 naming the field at fault. */
    public static ApiException badField(final String field, final String message) {
        return new ApiException(400, field + ": " + message, field);
    }

    public static ApiException badRequest(final String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(final String message) {
        return new ApiException(404, message);
    }

    public int status() {
        return status;
    }

    /** The request field at fault, or null when the problem is not one field's. */
    public String field() {
        return field;
    }
}
