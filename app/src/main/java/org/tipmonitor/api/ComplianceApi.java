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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.VersionedRecord;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.CellFootprint;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.cycles.AsOfTables;
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
        final AsOfService asOf = new AsOfService(queries);
        app.get(V1 + "/recommendations", ctx -> recommendations(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/recommendations/{id}", ctx -> recommendation(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/countries", ctx -> countries(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/countries/{iso3}", ctx -> country(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/countries/{iso3}/recommendations/{id}", ctx -> cell(ctx, queries));
        app.get(V1 + "/regions/{m49}", ctx -> region(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/themes/{theme}", ctx -> theme(ctx, queries, rows(ctx, queries, asOf)));
        app.get(V1 + "/matrix", ctx -> matrix(ctx, queries, asOf));
        app.get(V1 + "/tables/{dimension}", ctx -> table(ctx, rows(ctx, queries, asOf)));
    }

    /**
     * Where an answer's rows come from: the live tables, or with {@code asOf} the tables as they stood then,
     * computed from the versioned cell store. Parameters are checked first, so a bad one is a 400 even while the
     * stores cannot answer; as-of tables are computed lazily, once per request, for the one reporter type asked.
     */
    private static Rows rows(final Context ctx, final StoreQueries queries, final AsOfService asOfService) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Instant asOf = InternalStoreModule.asOf(ctx);
        final String prefix = CellKey.rowKey(type, "");
        if (asOf == null) {
            return new Rows(type, null,
                store -> queries.prefix(store, prefix).stream().map(row -> row.value).toList(),
                (store, key) -> queries.get(store, CellKey.rowKey(type, key)).orElse(null));
        }
        final Map<String, AsOfTables> computed = new HashMap<>(1);
        final Function<QueryableStore<ComplianceRow>, Map<String, ComplianceRow>> table = store ->
            computed.computeIfAbsent("tables", k -> asOfService.tablesAsOf(type, asOf))
                .table(ComplianceStores.tableOf(store));
        return new Rows(type, asOf,
            store -> table.apply(store).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .toList(),
            (store, key) -> table.apply(store).get(CellKey.rowKey(type, key)));
    }

    /** One request's rows: one reporter type, live or as of an instant. */
    private record Rows(ReporterType type, Instant asOf,
                        Function<QueryableStore<ComplianceRow>, List<ComplianceRow>> all,
                        BiFunction<QueryableStore<ComplianceRow>, String, ComplianceRow> one) {

        /** The reporter type's rows of a table, sorted by key. */
        List<ComplianceRow> all(final QueryableStore<ComplianceRow> store) {
            return all.apply(store);
        }

        /** The reporter type's rows of a table by their key without the type prefix. */
        Map<String, ComplianceRow> byKey(final QueryableStore<ComplianceRow> store) {
            final Map<String, ComplianceRow> rows = new HashMap<>();
            all(store).forEach(row -> rows.put(row.getKey(), row));
            return rows;
        }

        /** One row (key without the type prefix), or null. */
        ComplianceRow row(final QueryableStore<ComplianceRow> store, final String key) {
            return one.apply(store, key);
        }

        /** Adds {@code asOf} to an answer computed as of an instant. */
        ObjectNode stamp(final ObjectNode body) {
            if (asOf != null) {
                body.put("asOf", asOf.toString());
            }
            return body;
        }
    }

    private static void recommendations(final Context ctx, final StoreQueries queries, final Rows source) {
        final ReporterType type = source.type();
        final Map<String, ComplianceRow> rows = source.byKey(ComplianceStores.BY_RECOMMENDATION);
        final List<Recommendation> catalogue = queries.all(ComplianceStores.RECOMMENDATIONS).stream()
            .map(row -> row.value)
            .sorted(Comparator.comparing((Recommendation r) -> r.getSession().getId())
                .thenComparingInt(Recommendation::getParagraph))
            .toList();
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        catalogue.forEach(rec -> items.add(withCompliance(AvroJson.toJson(rec), rows.get(rec.getId()))));
        ApiJson.ok(ctx, source.stamp(listing(type, items)));
    }

    private static void recommendation(final Context ctx, final StoreQueries queries, final Rows source) {
        final String id = ctx.pathParam("id").trim();
        final Recommendation rec = findRecommendation(queries, id);
        final ComplianceRow row = source.row(ComplianceStores.BY_RECOMMENDATION, rec.getId());
        ApiJson.ok(ctx, source.stamp(withCompliance(AvroJson.toJson(rec), row)));
    }

    private static void countries(final Context ctx, final StoreQueries queries, final Rows source) {
        final ReporterType type = source.type();
        final Map<String, ComplianceRow> rows = source.byKey(ComplianceStores.BY_COUNTRY);
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        for (final KeyValue<String, Country> country : queries.all(ComplianceStores.COUNTRIES)) {
            items.add(withCompliance(AvroJson.toJson(country.value), rows.get(country.value.getIso3())));
        }
        ApiJson.ok(ctx, source.stamp(listing(type, items)));
    }

    private static void country(final Context ctx, final StoreQueries queries, final Rows source) {
        final Country country = findCountry(queries, ApiParams.upperPathParam(ctx, "iso3"));
        final ComplianceRow row = source.row(ComplianceStores.BY_COUNTRY, country.getIso3());
        ApiJson.ok(ctx, source.stamp(withCompliance(AvroJson.toJson(country), row)));
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

    private static void region(final Context ctx, final StoreQueries queries, final Rows source) {
        final ReporterType type = source.type();
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
        final ComplianceRow row = source.row(ComplianceStores.BY_REGION, code);
        body.set("compliance", row == null ? null : AvroJson.toJson(row));
        ApiJson.ok(ctx, source.stamp(body));
    }

    private static void theme(final Context ctx, final StoreQueries queries, final Rows source) {
        final ReporterType type = source.type();
        final String name = ApiParams.upperPathParam(ctx, "theme");
        final Theme theme;
        try {
            theme = Theme.valueOf(name);
        } catch (final IllegalArgumentException e) {
            throw ApiException.notFound("unknown theme \"" + ctx.pathParam("theme") + "\"");
        }
        final ObjectNode body = ApiJson.object().put("theme", theme.name()).put("reporterType", type.name());
        final ComplianceRow row = source.row(ComplianceStores.BY_THEME, theme.name());
        body.set("compliance", row == null ? null : AvroJson.toJson(row));
        ApiJson.ok(ctx, source.stamp(body));
    }

    private static void matrix(final Context ctx, final StoreQueries queries, final AsOfService asOfService) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Instant asOf = InternalStoreModule.asOf(ctx);
        final ArrayNode cells = AvroJson.mapper().createArrayNode();
        if (asOf == null) {
            for (final KeyValue<String, CellFootprint> row
                : queries.prefix(ComplianceStores.CELL_INDEX, CellKey.rowKey(type, ""))) {
                final CellFootprint footprint = row.value;
                matrixCell(cells, footprint.getCountry(), footprint.getRecommendationId(), footprint.getStatus(),
                    footprint.getSubmittedAt(), footprint.getSubmissionId());
            }
        } else {
            for (final Cell cell : asOfService.cellsAsOf(type, asOf)) {
                matrixCell(cells, cell.getCountry(), cell.getRecommendationId(), cell.getStatus(),
                    cell.getSubmittedAt(), cell.getSubmissionId());
            }
        }
        final ObjectNode body = ApiJson.object().put("reporterType", type.name()).put("count", cells.size());
        if (asOf != null) {
            body.put("asOf", asOf.toString());
        }
        body.set("cells", cells);
        ApiJson.ok(ctx, body);
    }

    private static void matrixCell(final ArrayNode cells, final String country, final String recommendationId,
                                   final ImplementationStatus status, final Instant submittedAt,
                                   final String submissionId) {
        cells.addObject()
            .put("country", country)
            .put("recommendationId", recommendationId)
            .put("status", status.name())
            .put("submittedAt", submittedAt.toString())
            .put("submissionId", submissionId);
    }

    private static void table(final Context ctx, final Rows source) {
        final String dimension = ctx.pathParam("dimension");
        final QueryableStore<ComplianceRow> store = ComplianceStores.table(dimension);
        final ArrayNode rows = AvroJson.mapper().createArrayNode();
        source.all(store).forEach(row -> rows.add(AvroJson.toJson(row)));
        final ObjectNode body = ApiJson.object()
            .put("dimension", dimension.toLowerCase(Locale.ROOT))
            .put("reporterType", source.type().name())
            .put("count", rows.size());
        source.stamp(body);
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
