package org.tipmonitor.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Recommendation;

/** The words alert sentences are made of: a country's name, a paragraph with its short title, a status, a date. */
final class AlertTexts {

    /** Paragraph order of the catalogue: session, then paragraph number. */
    static final Comparator<Recommendation> PARAGRAPH_ORDER = Comparator
        .comparing((Recommendation r) -> r.getSession().getId())
        .thenComparingInt(Recommendation::getParagraph)
        .thenComparing(Recommendation::getId);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);

    private AlertTexts() {
    }

    /** The country's English short name, or its code when the reference data no longer hold it. */
    static String country(final Country country, final String iso3) {
        return country == null ? iso3 : country.getNameEn();
    }

    /** The M49 region name of the country, or null. */
    static String region(final Country country) {
        return country == null || country.getRegion() == null ? null : country.getRegion().getName();
    }

    /** {@code para 10 (legislation in line with the Protocol)}; the id alone when the catalogue lacks it. */
    static String paragraph(final Recommendation recommendation, final String recommendationId) {
        if (recommendation == null) {
            return "recommendation " + recommendationId;
        }
        final String title = recommendation.getShortTitleEn();
        final String session = recommendation.getSession().getId();
        final String para = "2013".equals(session) ? "para " + recommendation.getParagraph()
            : "para " + recommendation.getParagraph() + " of " + session;
        return title == null || title.isBlank() ? para : para + " (" + title + ")";
    }

    /** {@code in progress} for IN_PROGRESS. */
    static String status(final ImplementationStatus status) {
        return status == null ? "nothing" : status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** {@code 30 June 2026}. */
    static String day(final Instant instant) {
        return DAY.format(instant);
    }

    static String plural(final int count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
