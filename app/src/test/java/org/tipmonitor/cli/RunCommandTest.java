package org.tipmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code run} resolves the settings that depend on the expected number of instances. */
class RunCommandTest {

    @TempDir
    Path dir;

    private static Map<String, Object> overrides(final String... extraArgs) {
        final List<String> args = new ArrayList<>(List.of("--bootstrap-servers", "127.0.0.1:9092",
            "--schema-registry-url", "mock://run-command-test"));
        args.addAll(List.of(extraArgs));
        final RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.appConfig().streamsOverrides();
    }

    @Test
    void aSingleInstanceKeepsNoStandby() {
        assertThat(overrides()).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
    }

    @Test
    void severalExpectedInstancesKeepOneStandbyEach() {
        assertThat(overrides("--instances", "2")).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        assertThat(overrides("--instances", "5")).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
    }

    @Test
    void theOptionAndThenTheFileBeatTheDefault() throws IOException {
        final Path file = Files.writeString(dir.resolve("run.properties"), "num.standby.replicas=2\n");
        assertThat(overrides("--instances", "3", "--config", file.toString()))
            .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "2");
        assertThat(overrides("--instances", "3", "--config", file.toString(), "--standby-replicas", "0"))
            .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
    }

    @Test
    void nonsenseCountsAreBadUsage() {
        assertThatThrownBy(() -> overrides("--instances", "0"))
            .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--instances");
        assertThatThrownBy(() -> overrides("--standby-replicas", "-1"))
            .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--standby-replicas");
    }
}
