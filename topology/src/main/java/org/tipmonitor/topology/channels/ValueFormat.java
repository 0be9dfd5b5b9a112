package org.tipmonitor.topology.channels;

import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.tipmonitor.compliance.TipSerdes;

/**
 * How the values of a topic, repartition or store are written: their Java type and the serde that writes them.
 * Avro serdes depend on the registry settings, so the serde is made from the application's {@link TipSerdes}.
 *
 * @param <V> the value type
 */
public final class ValueFormat<V> {

    private final Class<V> type;
    private final Function<TipSerdes, Serde<V>> serde;

    private ValueFormat(final Class<V> type, final Function<TipSerdes, Serde<V>> serde) {
        this.type = Objects.requireNonNull(type, "type");
        this.serde = Objects.requireNonNull(serde, "serde");
    }

    /** Values of a generated Avro class, in the Confluent wire format through the schema registry. */
    public static <V extends SpecificRecord> ValueFormat<V> avro(final Class<V> type) {
        return new ValueFormat<>(type, serdes -> serdes.value(type));
    }

    /** Plain UTF-8 strings (ids, digests). */
    public static ValueFormat<String> string() {
        return new ValueFormat<>(String.class, serdes -> Serdes.String());
    }

    /** Epoch milliseconds. */
    public static ValueFormat<Long> epochMillis() {
        return new ValueFormat<>(Long.class, serdes -> Serdes.Long());
    }

    public Class<V> type() {
        return type;
    }

    public Serde<V> serde(final TipSerdes serdes) {
        return serde.apply(serdes);
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }
}
