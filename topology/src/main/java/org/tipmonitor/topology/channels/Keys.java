package org.tipmonitor.topology.channels;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The keys of every topic, repartition and store of tip-monitor: UTF-8 strings (submission ids, cell keys
 * {@code TYPE|ISO3|RECID}, row keys {@code TYPE|KEY}, editions, alert ids), so that a key reads the same in the
 * console, in the API and in the partitioner.
 */
public final class Keys {

    private Keys() {
    }

    public static Serde<String> serde() {
        return Serdes.String();
    }
}
