package org.tipmonitor.topology.channels;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A typed child of a processor whose outcome holds records of several types. The processor forwards one outcome
 * (a plain Java record, never serialized: it only crosses to the children in the same task); each child takes one
 * part of it and forwards that part's records, keys, timestamps and headers as they are. So every stream of the
 * topology carries one record type, and no child tells types apart with {@code instanceof}:
 *
 * <pre>{@code
 * KStream<String, Acceptance> outcomes = byId.process(..., Named.as("accept-submissions"));
 * KStream<String, Cell> cells = outcomes.process(Unpack.of(Acceptance::cells), Named.as("accepted-cells"));
 * }</pre>
 *
 * @param <E> the outcome type
 * @param <V> the value type of the part
 */
public final class Unpack<E, V> extends ContextualProcessor<String, E, String, V> {

    private final Function<? super E, List<Record<String, V>>> part;

    private Unpack(final Function<? super E, List<Record<String, V>>> part) {
        this.part = part;
    }

    /** The child that forwards the records {@code part} takes out of each outcome. */
    public static <E, V> ProcessorSupplier<String, E, String, V> of(
        final Function<? super E, List<Record<String, V>>> part) {
        Objects.requireNonNull(part, "part");
        return () -> new Unpack<>(part);
    }

    @Override
    public void process(final Record<String, E> outcome) {
        for (final Record<String, V> record : part.apply(outcome.value())) {
            context().forward(record);
        }
    }
}
