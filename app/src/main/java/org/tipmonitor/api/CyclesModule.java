package org.tipmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.alerts.AlertsAt;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.cycles.AsOfTables;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.cycles.GlotipRows;
import org.tipmonitor.json.AvroJson;

/**
 * The reporting cycles of the Global Report (para 44): the configured cycles, each passed cycle's tables as they
 * stood at its cut-off with the States reporting non-Protocol forms of exploitation and the alerts open then, and
 * its GLOTIP CSV. Everything is computed on request from the versioned cell store, so a late submission made before
 * a cut-off shows in the cycle's answers as soon as it is applied.
 *
 * <p>A cycle whose cut-off has not passed (by the wall clock) answers 409: its figures would still change, and a
 * report of an open cycle would be mistaken for the cycle's result. The live tables answer meanwhile.
 */
public final class CyclesModule implements ApiModule {

    static final String CYCLES = ComplianceApi.V1 + "/cycles";

    private final CycleCalendar calendar;
    private final Clock clock;

    public CyclesModule(final CycleCalendar calendar, final Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        final AsOfService asOf = new AsOfService(queries);
        app.get(CYCLES, this::cycles);
        app.get(CYCLES + "/{edition}", ctx -> cycle(ctx, queries, asOf));
        app.get(CYCLES + "/{edition}/glotip.csv", ctx -> glotipCsv(ctx, asOf));
    }

    private void cycles(final Context ctx) {
        final Instant now = clock.instant();
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        calendar.cycles().forEach(cycle -> items.add(describe(cycle, now)));
        final ObjectNode body = ApiJson.object().put("count", items.size());
        body.set("items", items);
        ApiJson.ok(ctx, body);
    }

    private void cycle(final Context ctx, final StoreQueries queries, final AsOfService asOf) {
        final ReporterType type = ApiParams.reporterType(ctx);
        final Cycle cycle = passedCycle(ctx);
        final AsOfService.CycleCells cells = asOf.cycleCells(cycle);
        final ReferenceData reference = asOf.reference();
        final AsOfTables tables = type == ReporterType.STATE
            ? cells.tables(reference)
            : AsOfTables.of(asOf.cellsAsOf(type, cycle.cutoff()), reference, cycle.cutoff());

        final ObjectNode body = describe(cycle, clock.instant()).put("reporterType", type.name());
        final ObjectNode tablesNode = body.putObject("tables");
        for (final String dimension : ComplianceStores.TABLES) {
            tablesNode.set(dimension, rows(tables.table(ComplianceStores.tableNamed(dimension)), type));
        }
        body.set("exploitation", exploitation(cells.glotipRows(reference)));
        final List<Alert> open = AlertsAt.openAt(
            queries.all(AlertsModule.ALERTS).stream().map(row -> row.value).toList(), cycle.cutoff());
        body.set("alerts", AlertsModule.listing(open));
        ApiJson.ok(ctx, body);
    }

    private void glotipCsv(final Context ctx, final AsOfService asOf) {
        final Cycle cycle = passedCycle(ctx);
        sendCsv(ctx, cycle.edition(), asOf.cycleCells(cycle).glotipRows(asOf.reference()));
    }

    /** The rows as a CSV download named {@code glotip-<edition>.csv}. */
    static void sendCsv(final Context ctx, final int edition, final List<GlotipRow> rows) {
        // Written whole before answering: a failure half-way must be a 5xx, not a truncated download.
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try {
            GlotipCsv.write(rows, csv);
        } catch (final IOException cannotHappenInMemory) {
            throw new UncheckedIOException(cannotHappenInMemory);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"glotip-" + edition + ".csv\"")
            .contentType(GlotipCsv.MEDIA_TYPE)
            .result(csv.toByteArray());
    }

    /** The cycle of the {@code edition} path parameter: 400 if not a year, 404 if unknown, 409 if still open. */
    private Cycle passedCycle(final Context ctx) {
        final String raw = ctx.pathParam("edition").trim();
        final int edition;
        try {
            edition = Integer.parseInt(raw);
        } catch (final NumberFormatException e) {
            throw ApiException.badRequest("edition: not a year: \"" + raw + "\"");
        }
        final Cycle cycle = calendar.edition(edition).orElseThrow(() -> ApiException.notFound(
            "unknown edition " + edition + "; configured editions: "
                + calendar.cycles().stream().map(c -> Integer.toString(c.edition())).toList()));
        if (!cycle.hasPassedAt(clock.instant())) {
            throw new ApiException(409, "the cut-off of edition " + edition + " (" + cycle.cutoff()
                + ") has not passed yet; its figures are not final (the live tables are at /api/v1/tables)");
        }
        return cycle;
    }

    static ObjectNode describe(final Cycle cycle, final Instant now) {
        return ApiJson.object()
            .put("edition", cycle.edition())
            .put("begins", cycle.begins().toString())
            .put("cutoff", cycle.cutoff().toString())
            .put("passed", cycle.hasPassedAt(now));
    }

    private static ArrayNode rows(final Map<String, ComplianceRow> table, final ReporterType type) {
        final String prefix = CellKey.rowKey(type, "");
        final ArrayNode rows = AvroJson.mapper().createArrayNode();
        table.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith(prefix))
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> rows.add(AvroJson.toJson(entry.getValue())));
        return rows;
    }

    /**
     * The States reporting each non-Protocol form in the cycle, from the GLOTIP rows "by form of exploitation":
     * per State (1 per form it reported), per M49 region and per sub-region (the number of its States).
     */
    static ObjectNode exploitation(final List<GlotipRow> glotipRows) {
        final ObjectNode node = ApiJson.object();
        final ArrayNode byCountry = node.putArray("byCountry");
        final ArrayNode byRegion = node.putArray("byRegion");
        final ArrayNode bySubregion = node.putArray("bySubregion");
        glotipRows.stream()
            .filter(row -> GlotipRows.BY_FORM.equals(row.getDimension()))
            .sorted(Comparator.comparing(GlotipRow::getIso3).thenComparing(GlotipRow::getCategory))
            .forEach(row -> {
                final boolean area = !row.getIso3().isEmpty() && Character.isDigit(row.getIso3().charAt(0));
                final ArrayNode target = !area ? byCountry : row.getSubregion().isEmpty() ? byRegion : bySubregion;
                final ObjectNode item = target.addObject();
                item.put(area ? "m49" : "iso3", row.getIso3())
                    .put("name", row.getCountry())
                    .put("region", row.getRegion())
                    .put("subregion", row.getSubregion())
                    .put("form", row.getCategory())
                    .put("states", row.getValue() == null ? 0 : row.getValue().intValue());
            });
        return node;
    }
}
