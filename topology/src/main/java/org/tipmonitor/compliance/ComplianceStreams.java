package org.tipmonitor.compliance;

import org.apache.kafka.streams.kstream.KStream;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.StatisticCell;

/**
 * The streams of the compliance part that later parts of the topology read.
 *
 * @param acceptedCells    every accepted response as a cell update, keyed by cell, timestamped with submittedAt
 *                         (older revisions included: they count as having reported in their cycle)
 * @param latestCells      cell updates that became the cell's latest status
 * @param byRecommendation changes of the per-recommendation table (null value: the row left)
 * @param byCountry        changes of the per-country table (null value: the row left)
 * @param acceptedStatistics every accepted national statistic as a version of its cell, keyed by the State's ISO3,
 *                         timestamped with submittedAt
 */
public record ComplianceStreams(KStream<String, Cell> acceptedCells, KStream<String, Cell> latestCells,
                                KStream<String, ComplianceRow> byRecommendation,
                                KStream<String, ComplianceRow> byCountry,
                                KStream<String, StatisticCell> acceptedStatistics) {
}
