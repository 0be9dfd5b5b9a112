package org.tipmonitor.compliance;

import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Theme;

/**
 * How many cells a compliance row expects, from the reference data. A State is expected to report once it is a
 * party to the Protocol; UNODC is expected to report on what is addressed to it.
 */
public final class Expectations {

    private Expectations() {
    }

    public static boolean isParty(final Country country) {
        return country.getProtocolStatus() == ProtocolStatus.PARTY;
    }

    public static int expected(final Dimension dimension, final ReporterType reporterType, final String key,
                               final ReferenceData reference) {
        switch (dimension) {
            case RECOMMENDATION:
                return reference.recommendation(key)
                    .filter(r -> Addressing.isReportableBy(r, reporterType))
                    .map(r -> expectedReporters(reporterType, reference))
                    .orElse(0);
            case COUNTRY:
                return reportableCount(reporterType, reference, null);
            case REGION:
            case SUBREGION:
                if (!Addressing.reportsOnStates(reporterType)) {
                    return 0;
                }
                return partiesIn(dimension, key, reference) * reportableCount(reporterType, reference, null);
            case THEME:
                final Theme theme = themeOrNull(key);
                return theme == null ? 0
                    : expectedReporters(reporterType, reference) * reportableCount(reporterType, reference, theme);
            default:
                return 0;
        }
    }

    /** Reporters a recommendation row expects: the States parties, or UNODC alone. */
    static int expectedReporters(final ReporterType reporterType, final ReferenceData reference) {
        if (reporterType == ReporterType.UNODC) {
            return 1;
        }
        if (!Addressing.reportsOnStates(reporterType)) {
            return 0;
        }
        return (int) reference.countries().stream().filter(Expectations::isParty).count();
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

    private static int partiesIn(final Dimension dimension, final String m49, final ReferenceData reference) {
        int count = 0;
        for (final Country country : reference.countries()) {
            final M49Area area = dimension == Dimension.REGION ? country.getRegion() : country.getSubRegion();
            if (isParty(country) && area != null && m49.equals(area.getCode())) {
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
