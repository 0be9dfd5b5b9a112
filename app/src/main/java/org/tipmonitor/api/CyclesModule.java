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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.alerts.AlertsAt;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.cycles.AsOfTables;
import org.tipmonitor.cycles.Cycle;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.cycles.GlotipCsv;
import org.tipmonitor.cycles.GlotipRows;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.topology.channels.StateStores;
import org.tipmonitor.statistics.GlotipStatistics;
import org.tipmonitor.statistics.StatisticKey;
import org.tipmonitor.statistics.StatisticVersions;
import org.tipmonitor.statistics.RegionalAggregates;
import org.tipmonitor.statistics.StatisticsConfig;

/**
 * The reporting cycles of the Global Report (para 44): the configured cycles, each passed cycle's tables as they
 * stood at its cut-off with the States reporting non-Protocol forms of exploitation and the alerts open then, and
 * its files: {@code glotip.csv} (the Report's own data: the national statistics standing at the cut-off, country
 * rows), {@code glotip-regions.csv} (their M49 regional sums) and {@code implementation.csv} (our implementation
 * indicators, in the same long format). {@code ?bom=true} starts a file with a byte order mark for spreadsheets.
 * Everything is computed on request from the stores of versions, so a late submission made before a cut-off shows
 * in the cycle's answers as soon as it is applied.
 *
 * <p>A cycle whose cut-off has not passed (by the wall clock) answers 409: its figures would still change, and a
 * report of an open cycle would be mistaken for the cycle's result. The live tables answer meanwhile.
 */
public final class CyclesModule implements ApiModule {

    static final String CYCLES = ComplianceApi.V1 + "/cycles";
    /** Key {@code ISO3|cell|submittedAt|submissionId}: every version of every statistics cell. */
    static final QueryableStore<StatisticCell> STATISTIC_VERSIONS =
        QueryableStore.of(StateStores.STATISTIC_VERSIONS);

    private final CycleCalendar calendar;
    private final StatisticsConfig statistics;
    private final Clock clock;

    public CyclesModule(final CycleCalendar calendar, final Clock clock) {
        this(calendar, StatisticsConfig.defaults(), clock);
    }

    public CyclesModule(final CycleCalendar calendar, final StatisticsConfig statistics, final Clock clock) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(final Javalin app, final StoreQueries queries) {
        final AsOfService asOf = new AsOfService(queries);
        app.get(CYCLES, this::cycles);
        app.get(CYCLES + "/{edition}", ctx -> cycle(ctx, queries, asOf));
        app.get(CYCLES + "/{edition}/glotip.csv", ctx -> glotipCsv(ctx, asOf));
        app.get(CYCLES + "/{edition}/glotip-regions.csv", ctx -> glotipRegionsCsv(ctx, asOf));
        app.get(CYCLES + "/{edition}/implementation.csv", ctx -> implementationCsv(ctx, asOf, false));
        app.get(CYCLES + "/{edition}/implementation-regions.csv", ctx -> implementationCsv(ctx, asOf, true));
        app.get(ComplianceApi.V1 + "/countries/{iso3}/statistics", ctx -> statistics(ctx, asOf));
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
        final ArrayNode mismatches = body.putArray("statisticsMismatches");
        GlotipStatistics.rows(cycle, asOf.statisticVersions(), reference, statistics).mismatches()
            .forEach(mismatches::add);
        final List<Alert> open = AlertsAt.openAt(
            queries.all(AlertsModule.ALERTS).stream().map(row -> row.value).toList(), cycle.cutoff());
        body.set("alerts", AlertsModule.listing(open));
        ApiJson.ok(ctx, body);
    }

    private void glotipCsv(final Context ctx, final AsOfService asOf) {
        final Cycle cycle = passedCycle(ctx);
        final List<GlotipRow> rows = GlotipStatistics.rows(cycle, asOf.statisticVersions(), asOf.reference(),
            statistics).rows();
        sendCsv(ctx, "glotip-" + cycle.edition(), rows, GlotipCsv.Format.countries().withBom(bom(ctx))
            .withDisclosureThreshold(statistics.disclosureThreshold()));
    }

    private void glotipRegionsCsv(final Context ctx, final AsOfService asOf) {
        final Cycle cycle = passedCycle(ctx);
        final ReferenceData reference = asOf.reference();
        final List<GlotipRow> rows = RegionalAggregates.of(
            GlotipStatistics.rows(cycle, asOf.statisticVersions(), reference, statistics).rows(), reference);
        sendCsv(ctx, "glotip-regions-" + cycle.edition(), rows, GlotipCsv.Format.areas().withBom(bom(ctx))
            .withDisclosureThreshold(statistics.disclosureThreshold()));
    }

    /** Our implementation indicators: the State rows, or ({@code areas}) the M49 region and sub-region rows. */
    private void implementationCsv(final Context ctx, final AsOfService asOf, final boolean areas) {
        final Cycle cycle = passedCycle(ctx);
        final List<GlotipRow> rows = GlotipCsv.implementationRows(
            asOf.cycleCells(cycle).glotipRows(asOf.reference()), areas);
        sendCsv(ctx, (areas ? "implementation-regions-" : "implementation-") + cycle.edition(), rows,
            (areas ? GlotipCsv.Format.areas() : GlotipCsv.Format.countries()).withBom(bom(ctx)));
    }

    /** A State's national statistics as they stand now: the latest version of each of its cells. */
    private void statistics(final Context ctx, final AsOfService asOf) {
        final String iso3 = ctx.pathParam("iso3").trim().toUpperCase(Locale.ROOT);
        if (asOf.reference().country(iso3).isEmpty()) {
            throw ApiException.notFound("unknown country " + iso3);
        }
        final List<StatisticCell> standing = StatisticVersions.standingAt(asOf.statisticVersions().stream()
            .filter(cell -> cell.getCountry().equals(iso3)).toList(), clock.instant());
        final ArrayNode items = AvroJson.mapper().createArrayNode();
        standing.stream()
            .sorted(Comparator.comparing(StatisticKey::of))
            .forEach(cell -> {
                final ObjectNode item = AvroJson.toJson(cell.getStatistic());
                item.put("submissionId", cell.getSubmissionId()).put("submittedAt", cell.getSubmittedAt().toString());
                items.add(item);
            });
        final ObjectNode body = ApiJson.object().put("country", iso3).put("count", items.size());
        body.set("items", items);
        ApiJson.ok(ctx, body);
    }

    /** The rows as a CSV download named {@code <name>.csv}. */
    static void sendCsv(final Context ctx, final String name, final List<GlotipRow> rows,
                        final GlotipCsv.Format format) {
        // Written whole before answering: a failure half-way must be a 5xx, not a truncated download.
        final ByteArrayOutputStream csv = new ByteArrayOutputStream();
        try {
            GlotipCsv.write(rows, csv, format);
        } catch (final IOException cannotHappenInMemory) {
            throw new UncheckedIOException(cannotHappenInMemory);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
            .contentType(GlotipCsv.MEDIA_TYPE)
            .result(csv.toByteArray());
    }

    /** The {@code bom} query parameter: absent or false for none, true for a byte order mark; else 400. */
    private static boolean bom(final Context ctx) {
        final String raw = ctx.queryParam("bom");
        if (raw == null || "false".equalsIgnoreCase(raw.trim())) {
            return false;
        }
        if ("true".equalsIgnoreCase(raw.trim())) {
            return true;
        }
        throw ApiException.badRequest("bom: expected true or false, not \"" + raw + "\"");
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
