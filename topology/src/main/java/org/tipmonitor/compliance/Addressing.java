package org.tipmonitor.compliance;

import java.util.List;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.ReporterType;

/** Which reporter kinds may report on which recommendations, read from the recommendations' addressees. */
public final class Addressing {

    /** The country code of UNODC's own cells: UNODC reports on itself, not on a State. */
    public static final String UNODC_COUNTRY = "UNODC";

    private Addressing() {
    }

    /** Whether a recommendation is addressed to States parties or to States. */
    public static boolean isStateAddressed(final Recommendation recommendation) {
        final List<Addressee> addressees = recommendation.getAddressees();
        return addressees.contains(Addressee.STATES_PARTIES) || addressees.contains(Addressee.STATES);
    }

    /**
     * Whether a reporter of this kind may report on the recommendation: States, civil society and national human
     * rights institutions report on what States were asked to do; UNODC reports on what UNODC was asked to do.
     */
    public static boolean isReportableBy(final Recommendation recommendation, final ReporterType reporterType) {
        switch (reporterType) {
            case STATE:
            case CIVIL_SOCIETY:
            case NHRI:
                return isStateAddressed(recommendation);
            case UNODC:
                return recommendation.getAddressees().contains(Addressee.UNODC);
            default:
                return false;
        }
    }

    /** Whether cells of this reporter kind are about a State (and so fall in regions and need a known country). */
    public static boolean reportsOnStates(final ReporterType reporterType) {
        return reporterType == ReporterType.STATE
            || reporterType == ReporterType.CIVIL_SOCIETY
            || reporterType == ReporterType.NHRI;
    }
}
