package org.tipmonitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.json.AvroJson;

/**
 * The read API of the compliance tables: the catalogue and the countries with their rows, single cells with their
 * history, regions, themes, the matrix of cells and whole tables. Reference records and rows are the Avro records'
 * plain JSON, field for field.
 */
public final class ComplianceApi implements ApiModule {

    static final String V1 = "/api/v1";

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        app.get(V1 + "/recommendations", ctx -> recommendations(ctx, queries));
        app.get(V1 + "/recommendations/{id}", ctx -> recommendation(ctx, queries));
        app.get(V1 + "/countries", ctx -> countries(ctx, queries));
        app.get(V1 + "/countries/{iso3}", ctx -> country(ctx, queries));
        app.get(V1 + "/countries/{iso3}/recommendations/{id}", ctx -> cell(ctx, queries));
        app.get(V1 + "/regions/{m49}", ctx -> region(ctx, queries));
        app.get(V1 + "/themes/{theme}", ctx -> theme(ctx, queries));
        app.get(V1 + "/matrix", ctx -> matrix(ctx, queries));
        app.get(V1 + "/tables/{dimension}", ctx -> table(ctx, queries));
    }

    private static void recommendations(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Map<String, ComplianceRow> rows = rowsByKey(queries, ComplianceStores.BY_RECOMMENDATION, type);
        final List<Recommendation> catalogue = queries.all(ComplianceStores.RECOMMENDATIONS).stream()
            .map(row -> row.value)
            .sorted(Comparator.comparing((Recommendation r) -> r.getSession().getId())
                .thenComparingInt(Recommendation::getParagraph))
            .toList();
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        catalogue.forEach(rec -> items.add(withCompliance(AvroJson.toJson(rec), rows.get(rec.getId()))));
        ApiJson.ok(ctx, listing(type, items));
    }

    private static void recommendation(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final String id = ctx.pathParam("id").trim();
        final Recommendation rec = findRecommendation(queries, id);
        final Optional<ComplianceRow> row =
            queries.get(ComplianceStores.BY_RECOMMENDATION, CellKey.rowKey(type, rec.getId()));
        ApiJson.ok(ctx, withCompliance(AvroJson.toJson(rec), row.orElse(null)));
    }

    private static void countries(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Map<String, ComplianceRow> rows = rowsByKey(queries, ComplianceStores.BY_COUNTRY, type);
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        for (final KeyValue<String, Country> country : queries.all(ComplianceStores.COUNTRIES)) {
            items.add(withCompliance(AvroJson.toJson(country.value), rows.get(country.value.getIso3())));
        }
        ApiJson.ok(ctx, listing(type, items));
    }

    private static void country(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Country country = findCountry(queries, ApiParams.upperPathParam(ctx, "iso3"));
        final Optional<ComplianceRow> row =
            queries.get(ComplianceStores.BY_COUNTRY, CellKey.rowKey(type, country.getIso3()));
        ApiJson.ok(ctx, withCompliance(AvroJson.toJson(country), row.orElse(null)));
    }

    private static void cell(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final String iso3 = ApiParams.upperPathParam(ctx, "iso3");
        // UNODC's own cells are filed under the pseudo-country UNODC, which is not in the country table.
        if (type != ReporterType.UNODC || !"UNODC".equals(iso3)) {
            findCountry(queries, iso3);
        }
        final Recommendation rec = findRecommendation(queries, ctx.pathParam("id").trim());
        final Instant asOf = InternalStoreModule.asOf(ctx);
        final String key = new CellKey(type, iso3, rec.getId()).asString();

        final List<VersionedRecord<Cell>> history = queries.history(ComplianceStores.CELLS, key);
        final Cell current;
        if (asOf == null) {
            // From the same read as the history, so the two always agree.
            current = history.isEmpty() || history.get(0).validTo().isPresent() ? null : history.get(0).value();
        } else {
            current = queries.getAsOf(ComplianceStores.CELLS, key, asOf).map(VersionedRecord::value).orElse(null);
        }
        final ObjectNode body = ApiJson.object()
            .put("country", iso3)
            .put("recommendationId", rec.getId())
            .put("reporterType", type.name());
        body.put("asOf", asOf == null ? null : asOf.toString());
        body.set("cell", current == null ? null : AvroJson.toJson(current));
        final ArrayNode versions = body.putArray("history");
        for (final VersionedRecord<Cell> version : history) {
            final ObjectNode entry = versions.addObject();
            entry.put("validFrom", Instant.ofEpochMilli(version.timestamp()).toString());
            entry.put("validTo", version.validTo().map(to -> Instant.ofEpochMilli(to).toString()).orElse(null));
            entry.set("cell", AvroJson.toJson(version.value()));
        }
        ApiJson.ok(ctx, body);
    }

    private static void region(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final String code = ctx.pathParam("m49").trim();
        String name = null;
        String level = null;
        for (final KeyValue<String, Country> country : queries.all(ComplianceStores.COUNTRIES)) {
            final M49Area region = country.value.getRegion();
            final M49Area subRegion = country.value.getSubRegion();
            if (region != null && region.getCode().equals(code)) {
                name = region.getName();
                level = "REGION";
                break;
            }
            if (subRegion != null && subRegion.getCode().equals(code)) {
                name = subRegion.getName();
                level = "SUBREGION";
                break;
            }
        }
        if (name == null) {
            throw ApiException.notFound("no country lies in an M49 region or sub-region with code \"" + code + "\"");
        }
        final ObjectNode body = ApiJson.object().put("code", code).put("name", name).put("level", level)
            .put("reporterType", type.name());
        final Optional<ComplianceRow> row = queries.get(ComplianceStores.BY_REGION, CellKey.rowKey(type, code));
        body.set("compliance", row.isPresent() ? AvroJson.toJson(row.get()) : null);
        ApiJson.ok(ctx, body);
    }

    private static void theme(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final String name = ApiParams.upperPathParam(ctx, "theme");
        final Theme theme;
        try {
            theme = Theme.valueOf(name);
        } catch (final IllegalArgumentException e) {
            throw ApiException.notFound("unknown theme \"" + ctx.pathParam("theme") + "\"");
        }
        final ObjectNode body = ApiJson.object().put("theme", theme.name()).put("reporterType", type.name());
        final Optional<ComplianceRow> row = queries.get(ComplianceStores.BY_THEME, CellKey.rowKey(type, theme.name()));
        body.set("compliance", row.isPresent() ? AvroJson.toJson(row.get()) : null);
        ApiJson.ok(ctx, body);
    }

    private static void matrix(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final ArrayNode cells = AvroJson.mapper().createArrayNode();
        for (final KeyValue<String, CellFootprint> row
            : queries.prefix(ComplianceStores.CELL_INDEX, CellKey.rowKey(type, ""))) {
            final CellFootprint footprint = row.value;
            cells.addObject()
                .put("country", footprint.getCountry())
                .put("recommendationId", footprint.getRecommendationId())
                .put("status", footprint.getStatus().name())
                .put("submittedAt", footprint.getSubmittedAt().toString())
                .put("submissionId", footprint.getSubmissionId());
        }
        final ObjectNode body = ApiJson.object().put("reporterType", type.name()).put("count", cells.size());
        body.set("cells", cells);
        ApiJson.ok(ctx, body);
    }

    private static void table(final Context ctx, final StoreQueries queries) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final String dimension = ctx.pathParam("dimension");
        final QueryableStore<ComplianceRow> store = ComplianceStores.table(dimension);
        final ArrayNode rows = AvroJson.mapper().createArrayNode();
        queries.prefix(store, CellKey.rowKey(type, "")).forEach(row -> rows.add(AvroJson.toJson(row.value)));
        final ObjectNode body = ApiJson.object()
            .put("dimension", dimension.toLowerCase(Locale.ROOT))
            .put("reporterType", type.name())
            .put("count", rows.size());
        body.set("rows", rows);
        ApiJson.ok(ctx, body);
    }

    private static Recommendation findRecommendation(final StoreQueries queries, final String id) {
        return queries.get(ComplianceStores.RECOMMENDATIONS, id)
            .orElseThrow(() -> ApiException.notFound("unknown recommendation \"" + id + "\""));
    }

    private static Country findCountry(final StoreQueries queries, final String iso3) {
        return queries.get(ComplianceStores.COUNTRIES, iso3)
            .orElseThrow(() -> ApiException.notFound("unknown country \"" + iso3 + "\""));
    }

    /** One reporter type's rows of a table, by their key without the type prefix. */
    private static Map<String, ComplianceRow> rowsByKey(final StoreQueries queries,
                                                        final QueryableStore<ComplianceRow> store,
                                                        final ReporterType type) {
        final Map<String, ComplianceRow> rows = new HashMap<>();
        queries.prefix(store, CellKey.rowKey(type, "")).forEach(row -> rows.put(row.value.getKey(), row.value));
        return rows;
    }

    private static ObjectNode withCompliance(final ObjectNode record, final ComplianceRow row) {
        final JsonNode compliance = row == null ? null : AvroJson.toJson(row);
        record.set("compliance", compliance);
        return record;
    }

    private static ObjectNode listing(final ReporterType type, final ArrayNode items) {
        final ObjectNode body = ApiJson.object().put("reporterType", type.name()).put("count", items.size());
        body.set("items", items);
        return body;
    }
}
