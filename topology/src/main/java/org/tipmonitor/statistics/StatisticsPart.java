package org.tipmonitor.statistics;

/**
 * The statistics part of the topology: the national statistics of accepted submissions, kept with every version,
 * and the Global Report feed (para 44) published from them when an edition's cut-off passes.
 *
 * <pre>
 * accept-submissions ─ statistics (key: ISO3) ─ repartition statistics-by-country
 *                    ─ publish-statistics (stores statistic-versions, statistics-published-rows,
 *                      statistics-editions-published; punctuates) ─ statistics-glotip-sink (tip.report.glotip)
 * </pre>
 */
public final class StatisticsPart {

    /** ISO3|cell|submittedAt|submissionId to every version of every statistics cell; queryable. */
    public static final String VERSIONS = "statistic-versions";
    /** Row key to the Global Report row last published; the topic's diff base. */
    public static final String PUBLISHED_ROWS = "statistics-published-rows";
    /** Per task: edition to the cut-off (epoch ms) of its publication. */
    public static final String EDITIONS_PUBLISHED = "statistics-editions-published";
    /** The repartition that brings a State's statistics to one task. */
    public static final String BY_COUNTRY = "statistics-by-country";

    private StatisticsPart() {
    }
}
