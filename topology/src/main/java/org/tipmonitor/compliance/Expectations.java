package org.tipmonitor.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ProtocolStatus;
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

    private static final long SECONDS_PER_DAY = 86_400L;

    private Expectations() {
    }

    /** Whether the entity is a State (a UN Member State or an observer State), which State-addressed text addresses. */
    public static boolean isState(final Country country) {
        return country.getEntityType() == EntityType.UN_MEMBER_STATE
            || country.getEntityType() == EntityType.OBSERVER_STATE;
    }

    /** Whether the entity is a State party to the Protocol at {@code at}. The one test of every expectation. */
    public static boolean isStateParty(final Country country, final Instant at) {
        if (!isStateOfProtocol(country)) {
            return false;
        }
        final LocalDate since = country.getProtocolPartySince();
        return since == null || !startOfDay(since).isAfter(at);
    }

    /** Whether the entity is a State whose Protocol status is PARTY, whatever its party-since date. */
    static boolean isStateOfProtocol(final Country country) {
        return isState(country) && country.getProtocolStatus() == ProtocolStatus.PARTY;
    }

    /**
     * The instant from which the entity counts as a State party by {@link #isStateParty}, when that depends on
     * time: the start (UTC) of its party-since day; empty for an entity that never counts or counts throughout.
     * Expectations change with the clock only at these instants.
     */
    public static Optional<Instant> statePartyFrom(final Country country) {
        if (!isStateOfProtocol(country) || country.getProtocolPartySince() == null) {
            return Optional.empty();
        }
        return Optional.of(startOfDay(country.getProtocolPartySince()));
    }

    /**
     * Cells a compliance row expects at {@code at}: for a recommendation, one per State party (or UNODC alone); for a
     * country, one per recommendation its reporters may report on; for a region, its States parties times those
     * recommendations; for a theme, the expected reporters times the theme's recommendations. The counts come from
     * {@link ReferenceData#expectationCounts()}, computed once per set of reference data.
     */
    public static int expected(final Dimension dimension, final ReporterType reporterType, final String key,
                               final ReferenceData reference, final Instant at) {
        final ExpectationCounts counts = reference.expectationCounts();
        switch (dimension) {
            case RECOMMENDATION:
                return reference.recommendation(key)
                    .filter(r -> Addressing.isReportableBy(r, reporterType))
                    .map(r -> expectedReporters(reporterType, counts, at))
                    .orElse(0);
            case COUNTRY:
                return counts.reportable(reporterType, null);
            case REGION:
            case SUBREGION:
                if (!Addressing.reportsOnStates(reporterType)) {
                    return 0;
                }
                return counts.statePartiesIn(dimension, key, at) * counts.reportable(reporterType, null);
            case THEME:
                final Theme theme = themeOrNull(key);
                return theme == null ? 0
                    : expectedReporters(reporterType, counts, at) * counts.reportable(reporterType, theme);
            default:
                return 0;
        }
    }

    /** Reporters a recommendation row expects: the States parties at {@code at}, or UNODC alone. */
    private static int expectedReporters(final ReporterType reporterType, final ExpectationCounts counts,
                                         final Instant at) {
        if (reporterType == ReporterType.UNODC) {
            return 1;
        }
        if (!Addressing.reportsOnStates(reporterType)) {
            return 0;
        }
        return counts.stateParties(at);
    }

    public static Instant startOfDay(final LocalDate date) {
        // The same instant as date.atStartOfDay(UTC).toInstant(), without building a ZonedDateTime per call.
        return Instant.ofEpochSecond(date.toEpochDay() * SECONDS_PER_DAY);
    }

    private static Theme themeOrNull(final String key) {
        try {
            return Theme.valueOf(key);
        } catch (final IllegalArgumentException unknown) {
            return null;
        }
    }
}
