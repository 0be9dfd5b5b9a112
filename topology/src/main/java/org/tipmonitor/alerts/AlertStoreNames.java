package org.tipmonitor.alerts;

/**
 * Names of the alert engine's stores and internal topic. All live in the one single-partition task of the engine,
 * so one instance of the application holds them all.
 */
public final class AlertStoreNames {

    /** Queryable: alertId to Alert, open and resolved (the latest state of each alert id). */
    public static final String ALERTS = "alerts";
    /** Cell key to TrackedCell: latest STATE, CIVIL_SOCIETY and NHRI status per cell, with any regression level. */
    public static final String CELLS = "alert-cells";
    /** {@code ISO3|EDITION|RECOMMENDATION} to the first submissionId that answered it in that cycle (State only). */
    public static final String CYCLE_RESPONSES = "alert-cycle-responses";
    /** ISO3 to the State row of the by-country table (for STALE). */
    public static final String COUNTRY_ROWS = "alert-country-rows";
    /**
     * The engine's marks, in epoch milliseconds: the last cut-off passed and the last judged (each considered once),
     * {@code since} (fixed at the first start so that restarts do not move it) and when retired kinds were closed.
     */
    public static final String CUTOFFS = "alert-cutoffs";
    /** The single-partition repartition topic (and its processor names' stem) that carries every alert input. */
    public static final String SIGNALS = "alert-signals";

    private AlertStoreNames() {
    }
}
