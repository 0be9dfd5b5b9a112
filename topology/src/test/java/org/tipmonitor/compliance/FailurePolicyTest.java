package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.serde.MalformedAvroException;
import org.tipmonitor.serde.SchemaRegistryUnreachableException;
import org.tipmonitor.topology.StreamsSettings;
import org.tipmonitor.topology.channels.Topics;

/**
 * The processing exception handler of the production settings tells a fault of the input from a fault of ours:
 * an invalid record is dead-lettered and processing goes on; any other exception (a bug in our own code, or a
 * registry away) fails the task rather than hiding the record in the dead-letter topic while the tables drift.
 */
class FailurePolicyTest {

    private static final String IN = "policy-in";
    private static final String OUT = "policy-out";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;
    private TestOutputTopic<String, Rejection> deadLetters;

    @BeforeEach
    void start() {
        final String scope = "policy-" + UUID.randomUUID();
        final TipSerdes serdes = TipSerdes.create(java.util.Map.of("schema.registry.url", "mock://" + scope));
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(IN, Consumed.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()).withName("policy-source"))
            .mapValues(FailurePolicyTest::process, Named.as("aggregate-like"))
            .to(OUT, Produced.with(org.apache.kafka.common.serialization.Serdes.String(),
                org.apache.kafka.common.serialization.Serdes.String()).withName("policy-sink"));
        driver = new TopologyTestDriver(builder.build(), productionSettings(scope));
        input = driver.createInputTopic(IN, new StringSerializer(), new StringSerializer());
        output = driver.createOutputTopic(OUT, new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(Topics.REJECTED.name(), new StringDeserializer(),
            serdes.value(Rejection.class).deserializer());
    }

    /** The production Streams settings (the exception handlers among them), adapted to the driver. */
    private Properties productionSettings(final String scope) {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "policy");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put("schema.registry.url", "mock://" + scope);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return props;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Stands for a processor of ours: input faults and our own faults, on demand. */
    private static String process(final String value) {
        switch (value) {
            case "invalid":
                throw new InvalidSubmissionException(RejectionReason.REQUIRED_FIELD_MISSING, "no responses");
            case "undecodable":
                throw new MalformedAvroException("bad bytes", null);
            case "bug":
                throw new IllegalStateException("row count went negative");
            case "registry-away":
                throw new SchemaRegistryUnreachableException("http://registry", "refused", new java.io.IOException("refused"));
            default:
                return value.toUpperCase(java.util.Locale.ROOT);
        }
    }

    @Test
    void invalidInputIsDeadLetteredAndProcessingGoesOn() {
        input.pipeInput("k1", "invalid");
        input.pipeInput("k2", "undecodable");
        input.pipeInput("k3", "fine");

        assertThat(deadLetters.readValuesToList()).extracting(Rejection::getReason)
            .containsExactly(RejectionReason.REQUIRED_FIELD_MISSING, RejectionReason.MALFORMED_AVRO);
        assertThat(output.readValuesToList()).containsExactly("FINE");
    }

    @Test
    void aBugInOurCodeFailsTheTaskInsteadOfBeingDeadLettered() {
        input.pipeInput("k0", "fine");
        assertThatThrownBy(() -> input.pipeInput("k1", "bug"))
            .isInstanceOf(StreamsException.class)
            .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(deadLetters.isEmpty()).as("no dead letter for our own bug").isTrue();
        assertThat(output.readValuesToList()).containsExactly("FINE");
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFault() {
        assertThatThrownBy(() -> input.pipeInput("k1", "registry-away")).isInstanceOf(StreamsException.class);
        assertThat(deadLetters.isEmpty()).isTrue();
    }
}
