package org.tipmonitor.api;

import java.time.Clock;
import java.util.List;
import org.tipmonitor.cycles.CycleCalendar;
import org.tipmonitor.statistics.StatisticsConfig;

/** The feature modules every instance serves (the system and gateway modules are added by the runtime). */
public final class ApiModules {

    private ApiModules() {
    }

    /**
     * Add new read APIs here, and describe their routes in the OpenAPI document.
     *
     * @param cycles the reporting cycles ({@code /api/v1/cycles})
     * @param statistics the Global Report feed's settings (data lag, disclosure threshold)
     * @param alerts the instance's live alert events ({@code /api/v1/alerts/stream})
     * @param clock  tells whether a cycle's cut-off has passed
     */
    public static List<ApiModule> standard(final CycleCalendar cycles, final StatisticsConfig statistics,
                                           final AlertFanOut alerts, final Clock clock) {
        return List.of(new ComplianceApi(), new AlertsModule(alerts, AlertsModule.DEFAULT_KEEP_ALIVE),
            new CyclesModule(cycles, statistics, clock), new InternalStoreModule(), new DashboardModule());
    }
}
