package org.tipmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.runtime.SubmissionFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Sends a JSON-lines file of submissions, either through a running instance's HTTP API or straight to Kafka. Bad
 * lines are reported with their number and reason and the others still sent.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Send submissions from a JSON-lines file (one plain-JSON Submission per line; blank lines and"
        + " # comments skipped).",
        "Either through the HTTP API (--gateway URL --token TOKEN) or straight to Kafka"
            + " (--bootstrap-servers ... --schema-registry-url ...).",
        "Exits with 1 if any line could not be sent."})
final class SubmitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The JSON-lines file.")
    private Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    /** Where to send: exactly one of the two. */
    static final class Target {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Through the HTTP API:%n")
        private Gateway gateway;

        @ArgGroup(exclusive = false, multiplicity = "1", heading = "Straight to Kafka:%n")
        private Kafka kafka;
    }

    static final class Gateway {
        @Option(names = "--gateway", required = true, paramLabel = "URL",
            description = "Base URL of a running tip-monitor, e.g. http://127.0.0.1:8080")
        private String url;

        @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "Bearer token of the reporter.")
        private String token;
    }

    static final class Kafka {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
        private String bootstrapServers;

        @Option(names = "--schema-registry-url", required = true, paramLabel = "URL",
            description = "Schema registry (Confluent API) URL.")
        private String schemaRegistryUrl;

        @Option(names = "--client-config", paramLabel = "FILE",
            description = "Properties file with further Kafka client and registry settings.")
        private Path clientConfig;
    }

    @Override
    public Integer call() throws IOException {
        final List<SubmissionFiles.Line> lines = SubmissionFiles.read(file);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        int invalid = 0;
        for (final SubmissionFiles.Line line : lines) {
            if (!line.isValid()) {
                err.println(line.describeError());
                invalid++;
            }
        }
        final int failed = target.gateway != null ? viaGateway(lines, out, err) : viaKafka(lines, err);
        final int sent = lines.size() - invalid - failed;
        out.printf("%s: %d submissions, %d sent, %d invalid, %d failed%n", file, lines.size(), sent, invalid, failed);
        out.flush();
        err.flush();
        return invalid + failed == 0 ? 0 : 1;
    }

    private int viaGateway(final List<SubmissionFiles.Line> lines, final PrintWriter out, final PrintWriter err)
        throws IOException {
        final GatewayClient gateway = new GatewayClient(target.gateway.url, target.gateway.token);
        int failed = 0;
        for (final SubmissionFiles.Line line : lines) {
            if (!line.isValid()) {
                continue;
            }
            final String id = line.submission().orElseThrow().getSubmissionId();
            final GatewayClient.Answer answer;
            try {
                answer = gateway.post(line.text());
            } catch (final ConnectException e) {
                // Every later line would fail the same way: stop with one clear message.
                throw new IOException("cannot reach " + gateway.submissionsUri() + " (is tip-monitor running?)", e);
            }
            if (answer.accepted()) {
                out.printf("line %d: %s %d %s%n", line.lineNumber(), id, answer.status(), answer.body());
            } else {
                err.printf("line %d: %s refused, HTTP %d %s%n", line.lineNumber(), id, answer.status(), answer.body());
                failed++;
            }
        }
        return failed;
    }

    private int viaKafka(final List<SubmissionFiles.Line> lines, final PrintWriter err) {
        final Map<String, Object> clientConfig =
            ClientSettings.clientConfig(target.kafka.bootstrapServers, target.kafka.clientConfig);
        final List<SubmissionFiles.Line> sentLines = new ArrayList<>();
        final List<Future<RecordMetadata>> acks = new ArrayList<>();
        int failed = 0;
        try (SubmissionProducer producer = new SubmissionProducer(clientConfig,
            ClientSettings.serdes(clientConfig, target.kafka.schemaRegistryUrl))) {
            for (final SubmissionFiles.Line line : lines) {
                if (!line.isValid()) {
                    continue;
                }
                final Submission submission = line.submission().orElseThrow();
                try {
                    acks.add(producer.send(submission));
                    sentLines.add(line);
                } catch (final RuntimeException e) {
                    err.printf("line %d: %s not sent: %s%n", line.lineNumber(), submission.getSubmissionId(),
                        Failures.describe(e));
                    failed++;
                }
            }
            producer.flush();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    SubmissionProducer.await(acks.get(i));
                } catch (final IllegalStateException e) {
                    final SubmissionFiles.Line line = sentLines.get(i);
                    err.printf("line %d: %s not acknowledged: %s%n", line.lineNumber(),
                        line.submission().orElseThrow().getSubmissionId(), e.getMessage());
                    failed++;
                }
            }
        }
        return failed;
    }
}
