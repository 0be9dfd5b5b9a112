package org.tipmonitor.api;

import java.util.List;

/** The feature modules every instance serves (the system and gateway modules are added by the runtime). */
public final class ApiModules {

    private ApiModules() {
    }

    /** Add new read APIs (alerts, reporting cycles) here, and describe their routes in the OpenAPI document. */
    public static List<ApiModule> standard() {
        return List.of(new ComplianceApi(), new InternalStoreModule(), new DashboardModule());
    }
}
