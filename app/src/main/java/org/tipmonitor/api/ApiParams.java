package org.tipmonitor.api;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tipmonitor.avro.ReporterType;

/** Parsing of the query and path parameters the endpoints share. */
public final class ApiParams {

    /** Reporter kinds the compliance tables track; OTHER is Avro's fallback symbol, never a table. */
    static final String TRACKED_REPORTER_TYPES = Arrays.stream(ReporterType.values())
        .filter(type -> type != ReporterType.OTHER)
        .map(Enum::name)
        .collect(Collectors.joining(", "));

    private ApiParams() {
    }

    /** {@code reporterType}, default STATE, case-insensitive; 400 on an unknown value. */
    public static ReporterType reporterType(final Context ctx) {
        return reporterType(ctx.queryParam("reporterType"));
    }

    static ReporterType reporterType(final String raw) {
        if (raw == null || raw.isBlank()) {
            return ReporterType.STATE;
        }
        try {
            final ReporterType type = ReporterType.valueOf(raw.trim().toUpperCase(Locale.ROOT));
            if (type != ReporterType.OTHER) {
                return type;
            }
        } catch (final IllegalArgumentException unknown) {
            // fall through to the message naming the accepted values
        }
        throw ApiException.badRequest("reporterType: unknown value \"" + raw + "\"; expected one of "
            + TRACKED_REPORTER_TYPES);
    }

    /** A path parameter upper-cased, as ISO3 codes and theme names are stored. */
    public static String upperPathParam(final Context ctx, final String name) {
        return ctx.pathParam(name).trim().toUpperCase(Locale.ROOT);
    }
}
