package org.tipmonitor.compliance;

import org.tipmonitor.avro.Dimension;

/** Names of the topology's state stores; the queryable ones are the HTTP API's data. */
public final class StoreNames {

    /** Global, in memory: recommendation id to Recommendation. */
    public static final String RECOMMENDATIONS = "reference-recommendations";
    /** Global, in memory: ISO3 to Country. */
    public static final String COUNTRIES = "reference-countries";
    /** submissionId to the digest of the first submission seen with it. */
    public static final String SUBMISSION_FINGERPRINTS = "submission-fingerprints";
    /** Versioned: cell key to Cell, with its history, for "as of" answers. */
    public static final String CELLS = "cells";
    /** cell key to CellFootprint: the latest status of every cell and the rows it counts in. */
    public static final String CELL_INDEX = "cell-index";
    /** TYPE|RECOMMENDATION to ComplianceRow. */
    public static final String COMPLIANCE_BY_RECOMMENDATION = "compliance-by-recommendation";
    /** TYPE|ISO3 to ComplianceRow. */
    public static final String COMPLIANCE_BY_COUNTRY = "compliance-by-country";
    /** TYPE|M49 to ComplianceRow (regions and sub-regions; M49 codes do not collide). */
    public static final String COMPLIANCE_BY_REGION = "compliance-by-region";
    /** TYPE|THEME to ComplianceRow. */
    public static final String COMPLIANCE_BY_THEME = "compliance-by-theme";

    private StoreNames() {
    }

    /** The compliance store holding rows of a dimension. */
    public static String complianceStore(final Dimension dimension) {
        switch (dimension) {
            case RECOMMENDATION:
                return COMPLIANCE_BY_RECOMMENDATION;
            case COUNTRY:
                return COMPLIANCE_BY_COUNTRY;
            case REGION:
            case SUBREGION:
                return COMPLIANCE_BY_REGION;
            case THEME:
                return COMPLIANCE_BY_THEME;
            default:
                throw new IllegalArgumentException("no store for " + dimension);
        }
    }
}
