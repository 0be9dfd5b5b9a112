package org.tipmonitor.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;

/**
 * Who is expected to report, from the reference data: the one place the tables, the alerts and the cycles ask.
 *
 * <p>Recommendations addressed to 缔约各国 (States parties) or 各国 (States) address States. A State party is an entity
 * of type UN Member State or observer State whose Protocol status is PARTY and that was already one at the instant
 * asked about (its protocolPartySince is on or before that day; a party without a date counts as one throughout).
 * The European Union is a <em>party</em> to the Protocol (缔约方, paras 54 and 61) but not a State party (缔约国): it
 * counts in no State-party denominator, is owed no report, and its responses to State-addressed recommendations
 * are rejected ({@link #isState}).
 */
public final class Expectations {

    private Expectations() {
    }

    /** Whether the entity is a State (a UN Member State or an observer State), which State-addressed text addresses. */
    public static boolean isState(final Country country) {
        return country.getEntityType() == EntityType.UN_MEMBER_STATE
            || country.getEntityType() == EntityType.OBSERVER_STATE;
    }

    /** Whether the entity is a State party to the Protocol at {@code at}. The one test of every expectation. */
    public static boolean isStateParty(final Country country, final Instant at) {
        if (!isState(country) || country.getProtocolStatus() != ProtocolStatus.PARTY) {
            return false;
        }
        final LocalDate since = country.getProtocolPartySince();
        return since == null || !startOfDay(since).isAfter(at);
    }

    /**
     * The instant from which the entity counts as a State party by {@link #isStateParty}, when that depends on
     * time: the start (UTC) of its party-since day; empty for an entity that never counts or counts throughout.
     * Expectations change with the clock only at these instants.
     */
    public static Optional<Instant> statePartyFrom(final Country country) {
        if (!isState(country) || country.getProtocolStatus() != ProtocolStatus.PARTY
            || country.getProtocolPartySince() == null) {
            return Optional.empty();
        }
        return Optional.of(startOfDay(country.getProtocolPartySince()));
    }

    public static int expected(final Dimension dimension, final ReporterType reporterType, final String key,
                               final ReferenceData reference, final Instant at) {
        switch (dimension) {
            case RECOMMENDATION:
                return reference.recommendation(key)
                    .filter(r -> Addressing.isReportableBy(r, reporterType))
                    .map(r -> expectedReporters(reporterType, reference, at))
                    .orElse(0);
            case COUNTRY:
                return reportableCount(reporterType, reference, null);
            case REGION:
            case SUBREGION:
                if (!Addressing.reportsOnStates(reporterType)) {
                    return 0;
                }
                return statePartiesIn(dimension, key, reference, at) * reportableCount(reporterType, reference, null);
            case THEME:
                final Theme theme = themeOrNull(key);
                return theme == null ? 0
                    : expectedReporters(reporterType, reference, at) * reportableCount(reporterType, reference, theme);
            default:
                return 0;
        }
    }

    /** Reporters a recommendation row expects: the States parties at {@code at}, or UNODC alone. */
    static int expectedReporters(final ReporterType reporterType, final ReferenceData reference, final Instant at) {
        if (reporterType == ReporterType.UNODC) {
            return 1;
        }
        if (!Addressing.reportsOnStates(reporterType)) {
            return 0;
        }
        return (int) reference.countries().stream().filter(c -> isStateParty(c, at)).count();
    }

    public static Instant startOfDay(final LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static int reportableCount(final ReporterType reporterType, final ReferenceData reference,
                                       final Theme theme) {
        int count = 0;
        for (final Recommendation recommendation : reference.recommendations()) {
            if (Addressing.isReportableBy(recommendation, reporterType)
                && (theme == null || recommendation.getThemes().contains(theme))) {
                count++;
            }
        }
        return count;
    }

    private static int statePartiesIn(final Dimension dimension, final String m49, final ReferenceData reference,
                                      final Instant at) {
        int count = 0;
        for (final Country country : reference.countries()) {
            final M49Area area = dimension == Dimension.REGION ? country.getRegion() : country.getSubRegion();
            if (isStateParty(country, at) && area != null && m49.equals(area.getCode())) {
                count++;
            }
        }
        return count;
    }

    private static Theme themeOrNull(final String key) {
        try {
            return Theme.valueOf(key);
        } catch (final IllegalArgumentException unknown) {
            return null;
        }
    }
}
