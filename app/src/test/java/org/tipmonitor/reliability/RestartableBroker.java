package org.tipmonitor.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tipmonitor.runtime.EmbeddedKafkaBroker;

/**
 * What the tests that stop a broker under a running application and start it again share: a broker on fixed ports
 * and a kept log directory (so the restarted one is the same broker), and a producer patient enough to outlast it.
 */
final class RestartableBroker {

    private RestartableBroker() {
    }

    /** Starts (or starts again) the broker of these ports and this log directory; its data stay on close. */
    static EmbeddedKafkaBroker start(final int port, final int controllerPort, final Path dir) {
        return EmbeddedKafkaBroker.builder().port(port).controllerPort(controllerPort).logDir(dir)
            .deleteOnClose(false).build().start();
    }

    /** An idempotent, acks=all producer of raw values, patient for {@code patience} while the broker is away. */
    static KafkaProducer<String, byte[]> producer(final String bootstrap, final Duration patience) {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) patience.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, patience.toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A port free at the moment: the broker must get the same one back when it restarts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
