package org.tipmonitor.statistics;

import java.util.Map;
import org.tipmonitor.compliance.SettingValues;

/**
 * Settings of the Global Report feed.
 *
 * @param dataLagYears        an edition carries data years up to its cut-off year minus this many years
 *                            ({@value #DATA_LAG_YEARS}, default 1: the 2024 edition, cut off in 2024, carries data
 *                            up to 2023, the last year complete at the cut-off)
 * @param disclosureThreshold counts from 1 to this value minus 1 are published as {@code <threshold} (UNODC
 *                            publishes 1-4 as "&lt;5"); 0 publishes every count as it is
 *                            ({@value #DISCLOSURE_THRESHOLD}, default 5)
 */
public record StatisticsConfig(int dataLagYears, int disclosureThreshold) {

    public static final String DATA_LAG_YEARS = "tip.cycles.data-lag-years";
    public static final String DISCLOSURE_THRESHOLD = "tip.glotip.disclosure-threshold";

    public StatisticsConfig {
        if (dataLagYears < 0) {
            throw new IllegalArgumentException(DATA_LAG_YEARS + ": must be 0 or more, not " + dataLagYears);
        }
        if (disclosureThreshold < 0) {
            throw new IllegalArgumentException(DISCLOSURE_THRESHOLD + ": must be 0 or more, not "
                + disclosureThreshold);
        }
    }

    public static StatisticsConfig defaults() {
        return new StatisticsConfig(1, 5);
    }

    public static StatisticsConfig from(final Map<String, ?> properties) {
        final StatisticsConfig d = defaults();
        return new StatisticsConfig(SettingValues.integer(properties, DATA_LAG_YEARS, d.dataLagYears()),
            SettingValues.integer(properties, DISCLOSURE_THRESHOLD, d.disclosureThreshold()));
    }
}
