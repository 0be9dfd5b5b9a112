package org.tipmonitor.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipmonitor.json.AvroJson;

/**
 * Jetty's own errors (a malformed request line, a URI or headers too long, anything refused before Javalin sees
 * the request) in the API's one error shape instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    /** Refused while parsing the request: Jetty writes the returned bytes with the fields set here. */
    @Override
    public ByteBuffer badMessageError(final int status, final String reason, final HttpFields.Mutable fields) {
        final String id = ApiErrors.newRequestId();
        LOG.info("request {} refused by the HTTP parser -> {}: {}", id, status, reason);
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ApiJson.JSON));
        fields.put(new HttpField(ApiErrors.REQUEST_ID_HEADER, id));
        return ByteBuffer.wrap(json(status, id));
    }

    /** An error page asked for by the container (sendError): the same shape. */
    @Override
    public void handle(final String target, final Request baseRequest, final HttpServletRequest request,
                       final HttpServletResponse response) throws IOException {
        final int status = response.getStatus();
        final String id = ApiErrors.newRequestId();
        LOG.info("request {} {} -> {} (server error page)", id, request.getMethod(), status);
        baseRequest.setHandled(true);
        response.setContentType(ApiJson.JSON);
        response.setHeader(ApiErrors.REQUEST_ID_HEADER, id);
        response.getOutputStream().write(json(status, id));
    }

    private static byte[] json(final int status, final String id) {
        try {
            return AvroJson.mapper().writeValueAsString(ApiErrors.body(status, ApiErrors.phrase(status), null, id))
                .getBytes(StandardCharsets.UTF_8);
        } catch (final JsonProcessingException cannotHappenForATree) {
            return ("{\"error\":\"" + ApiErrors.phrase(status) + "\",\"field\":null,\"requestId\":\"" + id + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        }
    }
}
