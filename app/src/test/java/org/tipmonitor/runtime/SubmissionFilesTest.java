package org.tipmonitor.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.json.AvroJson;

class SubmissionFilesTest {

    private static Submission submission(final String id, final String country) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(new Reporter(ReporterType.STATE, country, "Ministry of Justice"))
            .setSubmittedAt(Instant.parse("2016-03-01T10:00:00Z"))
            .setResponses(List.of(Response.newBuilder()
                .setRecommendationId("2013.10").setStatus(ImplementationStatus.IN_PROGRESS).build()))
            .build();
    }

    @Test
    void readsEveryLineAndReportsEachBadOneWithItsNumberAndField() throws IOException {
        final String text = String.join("\n",
            "# a comment",
            AvroJson.toJsonString(submission("FRA-1", "FRA")),
            "",
            "{\"submissionId\": \"X\", \"reporter\": {\"type\": \"STATE\", \"country\": \"DEU\"},"
                + " \"submittedAt\": \"2016-03-01T10:00:00Z\","
                + " \"responses\": [{\"recommendationId\": \"2013.10\", \"status\": \"DONE\"}]}",
            "   ",
            "{not json",
            AvroJson.toJsonString(submission("DEU-1", "DEU")),
            "{\"submissionId\": \"Y\"}");

        final List<SubmissionFiles.Line> lines = SubmissionFiles.read(new StringReader(text));

        assertThat(lines).extracting(SubmissionFiles.Line::lineNumber).containsExactly(2, 4, 6, 7, 8);
        assertThat(lines).extracting(SubmissionFiles.Line::isValid).containsExactly(true, false, false, true, false);
        assertThat(lines.get(0).submission()).contains(submission("FRA-1", "FRA"));
        assertThat(lines.get(3).submission()).contains(submission("DEU-1", "DEU"));
        assertThat(lines.get(1).describeError()).startsWith("line 4: responses[0].status").contains("DONE");
        assertThat(lines.get(2).describeError()).startsWith("line 6: not valid JSON");
        assertThat(lines.get(4).describeError()).startsWith("line 8: ").contains("reporter");
    }

    @Test
    void writtenLinesReadBackEqual(@TempDir final Path dir) {
        final List<Submission> submissions = List.of(submission("A", "FRA"), submission("B", "NGA"));
        final Path file = dir.resolve("s.jsonl");

        SubmissionFiles.write(submissions, "generated for a test\nsecond header line", file);
        final List<SubmissionFiles.Line> lines = SubmissionFiles.read(file);

        assertThat(lines).extracting(SubmissionFiles.Line::lineNumber).containsExactly(3, 4);
        assertThat(lines).allMatch(SubmissionFiles.Line::isValid);
        assertThat(lines.stream().map(l -> l.submission().orElseThrow()).toList()).isEqualTo(submissions);
    }

    @Test
    void toleratesAByteOrderMarkOnTheFirstLine(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("bom.jsonl");
        Files.writeString(file, "\uFEFF" + AvroJson.toJsonString(submission("A", "FRA")) + "\n",
            StandardCharsets.UTF_8);

        assertThat(SubmissionFiles.read(file)).singleElement().matches(SubmissionFiles.Line::isValid);
    }

    @Test
    void aMissingFileIsAnIoErrorNamingTheFile(@TempDir final Path dir) {
        final Path missing = dir.resolve("nope.jsonl");
        assertThatThrownBy(() -> SubmissionFiles.read(missing))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("nope.jsonl");
    }

    @Test
    void writesOneCompactJsonObjectPerLine() throws IOException {
        final StringWriter out = new StringWriter();
        SubmissionFiles.write(List.of(submission("A", "FRA"), submission("B", "NGA")), out);
        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"submissionId\":"));
    }
}
