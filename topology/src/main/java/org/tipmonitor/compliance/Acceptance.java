package org.tipmonitor.compliance;

import java.util.List;
import org.apache.kafka.streams.processor.api.Record;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.StatisticCell;

/**
 * What accept-submissions made of one submission, for its two typed children (see
 * {@link org.tipmonitor.topology.channels.Unpack}); never serialized.
 *
 * @param cells      one cell update per valid response, keyed by cell, timestamped with submittedAt
 * @param statistics one statistics cell per valid national statistic, keyed by the State's ISO3, timestamped with
 *                   submittedAt
 * @param rejections one rejection per invalid response or statistic (or one for the whole submission)
 */
record Acceptance(List<Record<String, Cell>> cells, List<Record<String, StatisticCell>> statistics,
                  List<Record<String, Rejection>> rejections) {

    Acceptance {
        cells = List.copyOf(cells);
        statistics = List.copyOf(statistics);
        rejections = List.copyOf(rejections);
    }

    boolean isEmpty() {
        return cells.isEmpty() && statistics.isEmpty() && rejections.isEmpty();
    }
}
