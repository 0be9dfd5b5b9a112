package org.tipmonitor.compliance;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Where a submission was first read from, carried in headers through the repartition topics so that a rejection
 * made downstream can still name the source topic, partition and offset.
 */
public final class SourceHeaders {

    static final String TOPIC = "tip.source.topic";
    static final String PARTITION = "tip.source.partition";
    static final String OFFSET = "tip.source.offset";

    private SourceHeaders() {
    }

    public static void stamp(final Headers headers, final RecordMetadata metadata) {
        headers.remove(TOPIC).remove(PARTITION).remove(OFFSET);
        headers.add(TOPIC, utf8(metadata.topic()));
        headers.add(PARTITION, utf8(Integer.toString(metadata.partition())));
        headers.add(OFFSET, utf8(Long.toString(metadata.offset())));
    }

    public static Optional<String> topic(final Headers headers) {
        return last(headers, TOPIC);
    }

    public static Optional<Integer> partition(final Headers headers) {
        return last(headers, PARTITION).map(Integer::valueOf);
    }

    public static Optional<Long> offset(final Headers headers) {
        return last(headers, OFFSET).map(Long::valueOf);
    }

    private static Optional<String> last(final Headers headers, final String name) {
        final Header header = headers == null ? null : headers.lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(final String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
