package org.tipmonitor.statistics;

import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.StatisticCell;

/**
 * Identity of a cell of a State's national statistics: (country, indicator, year, sex, age, form, citizenship).
 * Its string form, e.g. {@code NGA|VICTIMS_DETECTED|2023|FEMALE|CHILD|SEXUAL_EXPLOITATION|NGA}, starts with the
 * country so that one State's cells form a contiguous key range; an absent form or citizenship is {@value #ALL}.
 */
public final class StatisticKey {

    /** Stands for an absent form (offender indicators) or citizenship (all citizenships). */
    public static final String ALL = "*";

    private static final char SEPARATOR = '|';

    private StatisticKey() {
    }

    public static String of(final String country, final NationalStatistic statistic) {
        return country + SEPARATOR + withinCountry(statistic);
    }

    public static String of(final StatisticCell cell) {
        return of(cell.getCountry(), cell.getStatistic());
    }

    /** The key without the country, as rejection messages name a statistic. */
    public static String withinCountry(final NationalStatistic statistic) {
        return statistic.getIndicator().name() + SEPARATOR + statistic.getYear() + SEPARATOR
            + statistic.getSex().name() + SEPARATOR + statistic.getAge().name() + SEPARATOR
            + (statistic.getForm() == null ? ALL : statistic.getForm().name()) + SEPARATOR
            + (statistic.getCitizenship() == null ? ALL : statistic.getCitizenship());
    }

    /** The prefix of every key of one State's cells. */
    public static String countryPrefix(final String country) {
        return country + SEPARATOR;
    }
}
