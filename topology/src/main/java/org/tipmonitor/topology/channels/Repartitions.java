package org.tipmonitor.topology.channels;

import java.util.List;
import java.util.Optional;
import org.tipmonitor.avro.AlertSignal;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.Submission;

/** Every repartition of the topology: the edges between its sub-topologies. See docs/tables.md. */
public final class Repartitions {

    /**
     * Screened submissions keyed by reporter and submissionId ({@code SubmissionKey}), so that a redelivery meets
     * its first copy and one reporter's ids never meet another's, and placed by the reporter's country: the task
     * that accepts a country's submissions also holds its cells and its per-country row (see {@link Placement}).
     */
    public static final Repartition<Submission> SUBMISSIONS_BY_COUNTRY =
        Repartition.byCountry("submissions-by-country", ValueFormat.avro(Submission.class));
    /** Deltas of the per-recommendation table, keyed by row. */
    public static final Repartition<ComplianceDelta> COMPLIANCE_BY_RECOMMENDATION_DELTAS =
        Repartition.of("compliance-by-recommendation-deltas", ValueFormat.avro(ComplianceDelta.class));
    /** Deltas of the per-region table (regions and sub-regions), keyed by row. */
    public static final Repartition<ComplianceDelta> COMPLIANCE_BY_REGION_DELTAS =
        Repartition.of("compliance-by-region-deltas", ValueFormat.avro(ComplianceDelta.class));
    /** Deltas of the per-theme table, keyed by row. */
    public static final Repartition<ComplianceDelta> COMPLIANCE_BY_THEME_DELTAS =
        Repartition.of("compliance-by-theme-deltas", ValueFormat.avro(ComplianceDelta.class));
    // The inputs of the alert engine, each into one partition: NOT_REPORTED and STALE look at every State at once. One
    // repartition per input, written by the sub-topology that makes the input, so no input ties two sub-topologies.

    /** Accepted State responses, as alert signals. */
    public static final Repartition<AlertSignal> ALERT_SIGNALS_ACCEPTED_CELLS =
        Repartition.single("alert-signals-accepted-cells", ValueFormat.avro(AlertSignal.class));
    /** Latest STATE, CIVIL_SOCIETY and NHRI cells, as alert signals. */
    public static final Repartition<AlertSignal> ALERT_SIGNALS_LATEST_CELLS =
        Repartition.single("alert-signals-latest-cells", ValueFormat.avro(AlertSignal.class));
    /** Changes of State rows of the per-recommendation table, as alert signals. */
    public static final Repartition<AlertSignal> ALERT_SIGNALS_RECOMMENDATION_ROWS =
        Repartition.single("alert-signals-recommendation-rows", ValueFormat.avro(AlertSignal.class));
    /** Changes of State rows of the per-country table, as alert signals. */
    public static final Repartition<AlertSignal> ALERT_SIGNALS_COUNTRY_ROWS =
        Repartition.single("alert-signals-country-rows", ValueFormat.avro(AlertSignal.class));
    /** Checks of States' statistics totals against their own breakdowns, as alert signals (STATISTICS_MISMATCH). */
    public static final Repartition<AlertSignal> ALERT_SIGNALS_STATISTICS_CHECKS =
        Repartition.single("alert-signals-statistics-checks", ValueFormat.avro(AlertSignal.class));
    /** Each cell task's share of a cycle snapshot, keyed by edition. */
    public static final Repartition<Cell> CYCLE_SNAPSHOT_CONTRIBUTIONS =
        Repartition.of("cycle-snapshot-contributions", ValueFormat.avro(Cell.class));

    /** Accepted national statistics cells, keyed by ISO3, so that one task holds all of a State's figures. */
    public static final Repartition<StatisticCell> STATISTICS_BY_COUNTRY =
        Repartition.of("statistics-by-country", ValueFormat.avro(StatisticCell.class));

    /**
     * Repartitions of earlier versions of the topology, whose stores placed submission, cell and per-country row
     * keys by the whole key where this version places them by country. An application id with their topics holds
     * state this version would read from the wrong partitions.
     */
    public static final List<String> RETIRED_WITH_ANOTHER_PLACEMENT =
        List.of("submissions-by-id", "cell-updates", "compliance-by-country-deltas");

    /** What Streams appends to a repartition's name for its topic. */
    private static final String TOPIC_SUFFIX = "-repartition";

    /** Every repartition (WrittenTopicsTest fails when a repartition of the topology is missing here). */
    public static final List<Repartition<?>> ALL = List.of(
        SUBMISSIONS_BY_COUNTRY, COMPLIANCE_BY_RECOMMENDATION_DELTAS, COMPLIANCE_BY_REGION_DELTAS,
        COMPLIANCE_BY_THEME_DELTAS, ALERT_SIGNALS_ACCEPTED_CELLS, ALERT_SIGNALS_LATEST_CELLS,
        ALERT_SIGNALS_RECOMMENDATION_ROWS, ALERT_SIGNALS_COUNTRY_ROWS, ALERT_SIGNALS_STATISTICS_CHECKS,
        CYCLE_SNAPSHOT_CONTRIBUTIONS, STATISTICS_BY_COUNTRY);

    /** The repartition of this name, if the topology has one. */
    public static Optional<Repartition<?>> named(final String name) {
        return ALL.stream().filter(repartition -> repartition.name().equals(name)).findFirst();
    }

    /** The topic of a repartition of this name for an application id, as Streams names it. */
    public static String topic(final String applicationId, final String repartitionName) {
        return applicationId + "-" + repartitionName + TOPIC_SUFFIX;
    }

    /** Whether a topic of a topology's description ({@code <name>-repartition}) is one of its repartitions. */
    public static boolean isRepartitionTopic(final String describedTopic) {
        return describedTopic.endsWith(TOPIC_SUFFIX);
    }

    /**
     * The repartition a topic of a topology's description stands for ({@code <name>-repartition}, before Streams
     * prefixes it with the application id).
     *
     * @throws IllegalStateException if it is not a repartition topic, or its repartition is not declared here
     */
    public static Repartition<?> ofTopic(final String describedTopic) {
        if (!isRepartitionTopic(describedTopic)) {
            throw new IllegalStateException(describedTopic + " is not a repartition topic");
        }
        final String name = describedTopic.substring(0, describedTopic.length() - TOPIC_SUFFIX.length());
        return named(name).orElseThrow(() ->
            new IllegalStateException("Repartition " + name + " is not declared in Repartitions"));
    }

    private Repartitions() {
    }
}
