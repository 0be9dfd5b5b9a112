package org.tipmonitor.api;

/**
 * A request that ends with an HTTP error status and a message meant for the caller. The server turns it into
 * {@code {"error": message}} with the status; handlers throw it instead of writing error responses themselves.
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(final int status, final String message) {
        super(message);
        this.status = status;
    }

    public ApiException(final int status, final String message, final Throwable cause) {
        super(message, cause);
        this.status = status;
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
}
