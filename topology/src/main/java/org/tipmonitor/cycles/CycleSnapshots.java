package org.tipmonitor.cycles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.compliance.CellKey;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.compliance.ReferenceData;

/**
 * The GLOTIP rows of one reporting cycle, computed from plain cells so that the topology (which streams them out
 * when the cut-off passes) and the HTTP export (which reads them with interactive queries) produce the same rows.
 *
 * <p>Per State with a row in the State per-country compliance table as of the cut-off (see {@link AsOfTables}):
 * {@value GlotipRows#REPORTED_ON}, {@value GlotipRows#IMPLEMENTED} and {@value GlotipRows#APPLICABLE} (Number),
 * {@value GlotipRows#IMPLEMENTATION_RATE} (Rate; no VALUE when nothing is applicable) and
 * {@value GlotipRows#PROGRESS_SCORE} (Score; likewise).
 *
 * <p>{@value GlotipRows#NON_PROTOCOL_EXPLOITATION}, by form of exploitation (paras 43, 44 and 58): VALUE 1 for a
 * State and a form when one of its State responses submitted <em>in the cycle</em> reports the form; a State whose
 * responses all predate the cycle reports none. The same indicator per M49 region and sub-region counts those
 * States: such a row has the area's M49 code as Iso3_code and the area's name as Country; Region is the region
 * (the parent region for a sub-region) and Subregion the sub-region (empty on a region row). Only forms reported
 * at least once get rows; an absent row means 0.
 */
public final class CycleSnapshots {

    private CycleSnapshots() {
    }

    /**
     * The rows of an edition.
     *
     * @param cycle          the cycle
     * @param cellsAsOf      the cells as they stood at the cut-off; further versions may be given too (the latest
     *                       not after the cut-off counts per cell; later ones are ignored); only STATE cells count
     * @param cellsInCycle   the versions of cells submitted in the cycle (others are ignored); only STATE cells count
     * @param reference      the reference data (names, regions, party status, recommendations)
     * @return the rows in {@link GlotipRows#ORDER}
     */
    public static List<GlotipRow> rows(final Cycle cycle, final Collection<Cell> cellsAsOf,
                                       final Collection<Cell> cellsInCycle, final ReferenceData reference) {
        final List<Cell> stateCells = cellsAsOf.stream()
            .filter(cell -> cell.getReporterType() == ReporterType.STATE)
            .toList();
        final AsOfTables tables = AsOfTables.of(stateCells, reference, cycle.cutoff());
        final String source = source(cycle);
        final List<GlotipRow> rows = new ArrayList<>();
        for (final ComplianceRow row : tables.byCountry().values()) {
            final Optional<Country> country = reference.country(row.getKey());
            if (row.getReporterType() != ReporterType.STATE || country.isEmpty()) {
                continue;
            }
            final Place place = Place.of(country.get());
            rows.add(total(cycle, place, GlotipRows.REPORTED_ON, GlotipRows.NUMBER, row.getReported(), source));
            rows.add(total(cycle, place, GlotipRows.IMPLEMENTED, GlotipRows.NUMBER,
                row.getCounts().getIMPLEMENTED(), source));
            rows.add(total(cycle, place, GlotipRows.APPLICABLE, GlotipRows.NUMBER, row.getApplicable(), source));
            rows.add(total(cycle, place, GlotipRows.IMPLEMENTATION_RATE, GlotipRows.RATE,
                row.getImplementationRate(), source));
            rows.add(total(cycle, place, GlotipRows.PROGRESS_SCORE, GlotipRows.SCORE, row.getProgressScore(),
                source));
        }
        rows.addAll(exploitationRows(cycle, formsReportedIn(cycle, cellsInCycle), reference, source));
        rows.sort(GlotipRows.ORDER);
        return rows;
    }

    /** The Source column, e.g. {@code tip-monitor, reporting cycle 2016 (cut-off 2016-06-30T00:00:00Z)}. */
    public static String source(final Cycle cycle) {
        return "tip-monitor, reporting cycle " + cycle.edition() + " (cut-off " + cycle.cutoff() + ")";
    }

    /** Per State (ISO3), the forms its State responses submitted in the cycle report. */
    static Map<String, Set<ExploitationForm>> formsReportedIn(final Cycle cycle, final Collection<Cell> cells) {
        final Map<String, Set<ExploitationForm>> forms = new TreeMap<>();
        for (final Cell cell : cells) {
            if (cell.getReporterType() != ReporterType.STATE || !cycle.contains(cell.getSubmittedAt())) {
                continue;
            }
            for (final ExploitationReport report : cell.getExploitationForms()) {
                forms.computeIfAbsent(CellKey.of(cell).country(), iso3 -> EnumSet.noneOf(ExploitationForm.class))
                    .add(report.getForm());
            }
        }
        return forms;
    }

    private static List<GlotipRow> exploitationRows(final Cycle cycle,
                                                    final Map<String, Set<ExploitationForm>> formsByState,
                                                    final ReferenceData reference, final String source) {
        final List<GlotipRow> rows = new ArrayList<>();
        final Map<String, Place> areas = new TreeMap<>();
        final Map<String, int[]> statesPerAreaAndForm = new TreeMap<>();
        for (final Map.Entry<String, Set<ExploitationForm>> entry : formsByState.entrySet()) {
            // Not a State (the EU, a party but not a State party): its reports are not State figures.
            final Optional<Country> country = reference.country(entry.getKey()).filter(Expectations::isState);
            if (country.isEmpty()) {
                continue; // Left the reference data (no name, region or row of its own any more), or not a State.
            }
            final Place place = Place.of(country.get());
            final List<Place> itsAreas = Place.areasOf(country.get());
            for (final ExploitationForm form : entry.getValue()) {
                rows.add(byForm(cycle, place, form, 1, source));
                for (final Place area : itsAreas) {
                    areas.putIfAbsent(area.code(), area);
                    statesPerAreaAndForm.computeIfAbsent(area.code(),
                        code -> new int[ExploitationForm.values().length])[form.ordinal()]++;
                }
            }
        }
        for (final Map.Entry<String, int[]> entry : statesPerAreaAndForm.entrySet()) {
            final int[] counts = entry.getValue();
            for (final ExploitationForm form : ExploitationForm.values()) {
                if (counts[form.ordinal()] > 0) {
                    rows.add(byForm(cycle, areas.get(entry.getKey()), form, counts[form.ordinal()], source));
                }
            }
        }
        return rows;
    }

    private static GlotipRow total(final Cycle cycle, final Place place, final String indicator, final String unit,
                                   final Number value, final String source) {
        return row(cycle, place, indicator, GlotipRows.TOTAL, GlotipRows.TOTAL, unit, value, source);
    }

    private static GlotipRow byForm(final Cycle cycle, final Place place, final ExploitationForm form,
                                    final int value, final String source) {
        return row(cycle, place, GlotipRows.NON_PROTOCOL_EXPLOITATION, GlotipRows.BY_FORM,
            ExploitationForms.label(form), GlotipRows.NUMBER, value, source);
    }

    private static GlotipRow row(final Cycle cycle, final Place place, final String indicator,
                                 final String dimension, final String category, final String unit,
                                 final Number value, final String source) {
        return GlotipRow.newBuilder()
            .setEdition(cycle.edition())
            .setIso3(place.code())
            .setCountry(place.name())
            .setRegion(place.region())
            .setSubregion(place.subregion())
            .setIndicator(indicator)
            .setDimension(dimension)
            .setCategory(category)
            .setSex(GlotipRows.TOTAL)
            .setAge(GlotipRows.TOTAL)
            .setYear(cycle.edition())
            .setUnit(unit)
            .setValue(value == null ? null : value.doubleValue())
            .setSource(source)
            .build();
    }

    /** What the first four columns say about a State or an M49 area. */
    private record Place(String code, String name, String region, String subregion) {

        static Place of(final Country country) {
            return new Place(country.getIso3(), country.getNameEn(), nameOf(country.getRegion()),
                nameOf(country.getSubRegion()));
        }

        /** The region and sub-region of a State, as places of their own; none for entities outside M49. */
        static List<Place> areasOf(final Country country) {
            final List<Place> areas = new ArrayList<>();
            final M49Area region = country.getRegion();
            final M49Area subRegion = country.getSubRegion();
            if (region != null) {
                areas.add(new Place(region.getCode(), region.getName(), region.getName(), ""));
            }
            if (subRegion != null) {
                areas.add(new Place(subRegion.getCode(), subRegion.getName(), nameOf(region), subRegion.getName()));
            }
            return areas;
        }

        private static String nameOf(final M49Area area) {
            return area == null ? "" : area.getName();
        }
    }
}
