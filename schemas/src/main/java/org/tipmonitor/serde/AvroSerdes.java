package org.tipmonitor.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The project's one factory of Avro serdes. Topology code gets its serdes here and only here, so
 * that a deployment can swap in Confluent's serde (same config names, same wire format) in one place.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A configured serde for record values of the given class. */
    public static <T extends SpecificRecord> Serde<T> value(final Class<T> type, final Map<String, ?> config) {
        return configured(type, config, false);
    }

    /** A configured serde for record keys of the given class. */
    public static <T extends SpecificRecord> Serde<T> key(final Class<T> type, final Map<String, ?> config) {
        return configured(type, config, true);
    }

    private static <T extends SpecificRecord> Serde<T> configured(final Class<T> type, final Map<String, ?> config,
                                                                  final boolean isKey) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config, isKey);
        return serde;
    }
}
