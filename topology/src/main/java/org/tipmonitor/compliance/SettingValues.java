package org.tipmonitor.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads typed values of {@code tip.*} settings from application properties: absent keys keep their default,
 * values of the wrong form are refused with a message naming the key.
 */
public final class SettingValues {

    private SettingValues() {
    }

    public static int integer(final Map<String, ?> properties, final String key, final int fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number ? ((Number) value).intValue() : Integer.parseInt(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not an integer: " + value, e);
        }
    }

    public static double decimal(final Map<String, ?> properties, final String key, final double fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Number ? ((Number) value).doubleValue()
                : Double.parseDouble(value.toString().trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + value, e);
        }
    }

    /** An ISO-8601 duration such as PT30S or P7D. */
    public static Duration duration(final Map<String, ?> properties, final String key, final Duration fallback) {
        final Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return value instanceof Duration ? (Duration) value : Duration.parse(value.toString().trim());
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 duration (e.g. PT30S): " + value, e);
        }
    }

    /** An instant, ISO-8601 ({@code 2026-06-30T00:00:00Z}) or a date ({@code 2026-06-30}, start of the day UTC). */
    public static Instant instant(final Map<String, ?> properties, final String key, final Instant fallback) {
        final Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        if (value instanceof Instant) {
            return (Instant) value;
        }
        final String text = value.toString().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                : Instant.parse(text);
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 instant or date (e.g. 2026-06-30): " + value,
                e);
        }
    }
}
