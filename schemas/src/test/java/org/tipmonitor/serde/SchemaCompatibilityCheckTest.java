package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker against the committed contract and against edited copies of it. */
class SchemaCompatibilityCheckTest {

    private static final Path SOURCES = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("history");

    @TempDir
    Path copy;

    private Path sources;

    @BeforeEach
    void copyTheContract() throws IOException {
        sources = copy.resolve("avro");
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (final Path file : files.toList()) {
                Files.copy(file, sources.resolve(SOURCES.relativize(file).toString()));
            }
        }
    }

    @Test
    void theCommittedContractIsCompatibleWithItsHistory() {
        assertThat(SchemaCompatibilityCheck.problems(SOURCES, HISTORY)).isEmpty();
        assertThat(SchemaCompatibilityCheck.currentSchemas(SOURCES)).containsOnlyKeys("Alert", "AlertSignal", "Cell",
                "CellFootprint", "ComplianceDelta", "ComplianceRow", "Country", "GlotipRow", "Recommendation",
                "Rejection", "StatisticCell", "Submission", "TrackedCell");
        assertThat(SchemaCompatibilityCheck.history(HISTORY).get("Submission")).containsOnlyKeys(1, 2, 3);
    }

    @Test
    void changingAFieldsTypeNamesTheRecordAndTheField() throws IOException {
        edit("Recommendation.avsc", "{\"name\": \"paragraph\", \"type\": \"int\"", "{\"name\": \"paragraph\", \"type\": \"string\"");

        assertThat(SchemaCompatibilityCheck.problems(sources, HISTORY)).containsExactly(
                "Recommendation: the current schema cannot read data written with history/Recommendation/v1.avsc:"
                        + " field 'paragraph' changed type (reader type: STRING not compatible with writer type: INT)",
                "Recommendation: the current schema cannot read data written with history/Recommendation/v2.avsc:"
                        + " field 'paragraph' changed type (reader type: STRING not compatible with writer type: INT)");
    }

    @Test
    void addingAFieldWithoutDefaultIsAProblem() throws IOException {
        edit("GlotipRow.avsc", "{\"name\": \"edition\",", "{\"name\": \"footnote\", \"type\": \"string\"},\n    {\"name\": \"edition\",");

        assertThat(SchemaCompatibilityCheck.problems(sources, HISTORY)).singleElement().asString()
                .startsWith("GlotipRow: ")
                .contains("field 'footnote' was added without a default value");
    }

    @Test
    void addingAFieldWithDefaultPasses() throws IOException {
        edit("GlotipRow.avsc", "{\"name\": \"edition\",",
                "{\"name\": \"footnote\", \"type\": \"string\", \"default\": \"\"},\n    {\"name\": \"edition\",");

        assertThat(SchemaCompatibilityCheck.currentSchemas(sources).get("GlotipRow").getField("footnote")).isNotNull();
        assertThat(SchemaCompatibilityCheck.problems(sources, HISTORY)).isEmpty();
    }

    @Test
    void droppingTheDefaultOfANestedFieldBreaksOnlyTheVersionWithoutIt() throws IOException {
        edit("Submission.avsc", "\"type\": {\"type\": \"array\", \"items\": \"string\"}, \"default\": [], \"doc\": \"References",
                "\"type\": {\"type\": \"array\", \"items\": \"string\"}, \"doc\": \"References");

        assertThat(SchemaCompatibilityCheck.problems(sources, HISTORY)).singleElement().asString()
                .startsWith("Submission: the current schema cannot read data written with history/Submission/v1.avsc:")
                .contains("field 'responses[].evidence' was added without a default value");
    }

    @Test
    void aChangeInsideAnOptionalRecordNamesTheNestedField() throws IOException {
        edit("Country.avsc", "{\"name\": \"code\", \"type\": \"string\"", "{\"name\": \"code\", \"type\": \"int\"");

        final List<String> problems = SchemaCompatibilityCheck.problems(sources, HISTORY);

        assertThat(problems).isNotEmpty().allSatisfy(problem -> assertThat(problem).startsWith("Country: "));
        assertThat(problems).anySatisfy(problem -> assertThat(problem).contains("field 'region.code' changed type"));
    }

    @Test
    void aRecordWithoutHistoryIsAProblem() throws IOException {
        Files.writeString(sources.resolve("Note.avsc"),
                "{\"type\": \"record\", \"name\": \"Note\", \"namespace\": \"org.tipmonitor.avro\", \"fields\": []}");

        assertThat(SchemaCompatibilityCheck.problems(sources, HISTORY)).singleElement().asString()
                .startsWith("Note: no released version in history/Note/");
    }

    @Test
    void mainFailsWithTheProblemsInItsMessage() throws IOException {
        edit("Recommendation.avsc", "{\"name\": \"paragraph\", \"type\": \"int\"", "{\"name\": \"paragraph\", \"type\": \"string\"");

        assertThatThrownBy(() -> SchemaCompatibilityCheck.main(new String[] {sources.toString(), HISTORY.toString()}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(2 problems)")
                .hasMessageContaining("field 'paragraph' changed type");
    }

    private void edit(final String file, final String from, final String to) throws IOException {
        final Path path = sources.resolve(file);
        final String text = Files.readString(path);
        assertThat(text).as("test edit target in %s", file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }
}
