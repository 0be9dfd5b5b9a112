package org.tipmonitor.alerts;

import java.util.Objects;
import org.apache.kafka.streams.kstream.KStream;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.StatisticsCheck;

/**
 * The typed streams the alert part reads, each from the sub-topology that makes it (the compliance part, or the statistics part for the checks).
 *
 * @param acceptedCells      every accepted response as a cell update (older revisions included)
 * @param latestCells        cell updates that became the cell's latest status
 * @param recommendationRows changes of the per-recommendation table (null value: the row left)
 * @param countryRows        changes of the per-country table (null value: the row left)
 * @param statisticsChecks   checks of States' statistics totals against their own breakdowns (key:
 *                           ISO3|indicator|year)
 */
public record AlertInputs(KStream<String, Cell> acceptedCells, KStream<String, Cell> latestCells,
                          KStream<String, ComplianceRow> recommendationRows,
                          KStream<String, ComplianceRow> countryRows,
                          KStream<String, StatisticsCheck> statisticsChecks) {

    public AlertInputs {
        Objects.requireNonNull(acceptedCells, "acceptedCells");
        Objects.requireNonNull(latestCells, "latestCells");
        Objects.requireNonNull(recommendationRows, "recommendationRows");
        Objects.requireNonNull(countryRows, "countryRows");
        Objects.requireNonNull(statisticsChecks, "statisticsChecks");
    }
}
