package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.serde.InMemorySchemaRegistry;
import org.tipmonitor.testing.Fixtures;
import org.tipmonitor.testing.TopologyTestBase;
import org.tipmonitor.topology.channels.Topics;

/** Every validation reason, and the dead-letter path of records that cannot be read or processed at all. */
class ValidationAndDeadLetterTest extends TopologyTestBase {

    @Test
    void eachInvalidResponseYieldsOneRejectionAndTheValidOnesStillApply() {
        loadReference(ComplianceWorld.WORLD);
        final Response otherWithoutDescription = Response.newBuilder(response("2013.13", PLANNED))
            .setExploitationForms(List.of(ExploitationReport.newBuilder().setForm(ExploitationForm.OTHER).setDescription(" ").build()))
            .build();
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED),
            response("2013.99", IMPLEMENTED),
            response("2013.6", IMPLEMENTED),
            response("2013.45", IMPLEMENTED),
            otherWithoutDescription,
            response("", PLANNED),
            response("2013.28", ImplementationStatus.UNKNOWN),
            response("2013.10", PLANNED)));

        final Map<String, RejectionReason> reasons = rejected.readValuesToList().stream()
            .collect(Collectors.toMap(r -> r.getRecommendationId() + "#" + r.getReason(), Rejection::getReason));
        assertThat(reasons.keySet()).containsExactlyInAnyOrder(
            "2013.99#UNKNOWN_RECOMMENDATION",
            "2013.6#NOT_ADDRESSED_TO_REPORTER",
            "2013.45#NOT_ADDRESSED_TO_REPORTER",
            "2013.13#REQUIRED_FIELD_MISSING",
            "#REQUIRED_FIELD_MISSING",
            "2013.28#UNKNOWN_STATUS",
            "2013.10#DUPLICATE_RESPONSE");
        final var latest = table(cells);
        assertThat(latest).containsOnlyKeys("STATE|FRA|2013.10");
        assertThat(latest.get("STATE|FRA|2013.10").getStatus()).as("the first answer stands").isEqualTo(IMPLEMENTED);
    }

    @Test
    void aRejectionNamesTheSubmissionTheFieldAndTheSource() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.99", IMPLEMENTED)));
        final Rejection rejection = rejected.readValue();
        assertThat(rejection.getSubmissionId()).isEqualTo("fra-1");
        assertThat(rejection.getReporterType()).isEqualTo(ReporterType.STATE);
        assertThat(rejection.getCountry()).isEqualTo("FRA");
        assertThat(rejection.getMessage()).contains("2013.99");
        assertThat(rejection.getSourceTopic()).isEqualTo(Topics.SUBMISSIONS.name());
        assertThat(rejection.getSourcePartition()).isZero();
        assertThat(rejection.getSourceOffset()).isZero();
        assertThat(rejection.getRejectedAt()).isEqualTo(NOW);
    }

    @Test
    void anUnknownCountryRejectsEveryResponse() {
        loadReference(ComplianceWorld.WORLD);
        submit(state("xxx-1", "xxx", "2026-01-10T09:00:00Z",
            response("2013.10", IMPLEMENTED), response("2013.13", IMPLEMENTED)));
        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).hasSize(2).allSatisfy(r -> {
            assertThat(r.getReason()).isEqualTo(RejectionReason.UNKNOWN_COUNTRY);
            assertThat(r.getCountry()).as("normalised to upper case").isEqualTo("XXX");
        });
        assertThat(cells.isEmpty()).isTrue();
    }

    @Test
    void aSubmissionFurtherAheadThanTheSkewIsRejectedAndOneWithinIsAccepted() {
        loadReference(ComplianceWorld.WORLD);
        final Duration skew = config().compliance().maxClockSkew();
        assertThat(skew).as("below the broker's 1 h limit for record timestamps").isLessThan(Duration.ofHours(1));
        submit(state("fra-late", "FRA", NOW.plus(skew).plusMillis(1).toString(), response("2013.10", IMPLEMENTED)));
        submit(state("fra-ok", "FRA", NOW.plus(skew).toString(), response("2013.13", IMPLEMENTED)));

        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).hasSize(1);
        assertThat(rejections.get(0).getReason()).isEqualTo(RejectionReason.SUBMITTED_IN_FUTURE);
        assertThat(rejections.get(0).getSubmissionId()).isEqualTo("fra-late");
        assertThat(table(cells)).containsOnlyKeys("STATE|FRA|2013.13");
    }

    @Test
    void aSubmissionOlderThanTheCellHistoryOrBefore1970IsRejectedWithItsOwnReason() {
        loadReference(ComplianceWorld.WORLD);
        final Duration history = config().compliance().cellHistoryRetention();
        submit(state("fra-old", "FRA", NOW.minus(history).toString(), response("2013.10", IMPLEMENTED)));
        submit(state("deu-1960", "DEU", "1960-01-01T00:00:00Z", response("2013.10", IMPLEMENTED)));
        submit(state("nga-ok", "NGA", NOW.minus(history).plus(config().compliance().maxClockSkew()).toString(),
            response("2013.10", IMPLEMENTED)));

        assertThat(rejected.readValuesToList()).extracting(r -> r.getSubmissionId() + ":" + r.getReason())
            .containsExactly("fra-old:SUBMITTED_TOO_EARLY", "deu-1960:SUBMITTED_TOO_EARLY");
        assertThat(table(cells)).containsOnlyKeys("STATE|NGA|2013.10");
    }

    @Test
    void wholeRecordFailuresAreDeadLetteredWithTheirRawBytesAndProcessingGoesOn() {
        loadReference(ComplianceWorld.WORLD);
        final Submission otherReporter = Fixtures.submission("o-1", ReporterType.OTHER, "FRA",
            java.time.Instant.parse("2026-01-10T09:00:00Z"), response("2013.10", IMPLEMENTED));
        final Submission noCountry = Fixtures.submission("s-1", ReporterType.STATE, null,
            java.time.Instant.parse("2026-01-10T09:00:00Z"), response("2013.10", IMPLEMENTED));
        final Submission noResponses = state("s-2", "FRA", "2026-01-10T09:00:00Z");
        final Submission noId = state(" ", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED));
        submissions.pipeInput("k1", otherReporter, NOW);
        submissions.pipeInput("k2", noCountry, NOW);
        submissions.pipeInput("k3", noResponses, NOW);
        submissions.pipeInput("k4", noId, NOW);
        rawSubmissions.pipeInput("k5", (byte[]) null, NOW);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).extracting(Rejection::getReason).containsExactly(
            RejectionReason.UNKNOWN_REPORTER, RejectionReason.UNKNOWN_REPORTER,
            RejectionReason.REQUIRED_FIELD_MISSING, RejectionReason.REQUIRED_FIELD_MISSING,
            RejectionReason.REQUIRED_FIELD_MISSING);
        assertThat(rejections).extracting(Rejection::getSourceOffset).containsExactly(0L, 1L, 2L, 3L, 4L);
        final byte[] sent = serdes.value(Submission.class).serializer().serialize(Topics.SUBMISSIONS.name(),
            otherReporter);
        assertThat(bytes(rejections.get(0).getRawValue())).isEqualTo(sent);
        assertThat(bytes(rejections.get(0).getRawKey())).isEqualTo("k1".getBytes());
        assertThat(rejections.get(0).getMessage()).contains("OTHER");
        assertThat(rejections.get(4).getRawValue()).isNull();
        assertThat(table(cells)).as("the app went on").containsOnlyKeys("STATE|FRA|2013.10");
    }

    @Test
    void poisonPillBytesAreDeadLetteredWithTheReasonAndProcessingGoesOn() {
        loadReference(ComplianceWorld.WORLD);
        final byte[] garbage = "{\"not\": \"avro\"}".getBytes();
        final byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 3};
        final byte[] truncated = new byte[] {0, 0, 0};
        rawSubmissions.pipeInput("g", garbage, NOW);
        rawSubmissions.pipeInput("u", unknownId, NOW);
        rawSubmissions.pipeInput("t", truncated, NOW);
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).extracting(Rejection::getReason).containsExactly(
            RejectionReason.NOT_CONFLUENT_FRAMED, RejectionReason.UNKNOWN_SCHEMA_ID,
            RejectionReason.NOT_CONFLUENT_FRAMED);
        assertThat(bytes(rejections.get(0).getRawValue())).isEqualTo(garbage);
        assertThat(bytes(rejections.get(1).getRawValue())).isEqualTo(unknownId);
        assertThat(rejections.get(1).getSourceTopic()).isEqualTo(Topics.SUBMISSIONS.name());
        assertThat(rejections.get(1).getSourceOffset()).isEqualTo(1L);
        assertThat(table(cells)).containsOnlyKeys("STATE|FRA|2013.10");
    }

    @Test
    void aSubmissionWrittenWithTheVersionOneSchemaIsReadByCurrentCode() throws IOException {
        loadReference(ComplianceWorld.WORLD);
        final Schema v1 = new Schema.Parser().parse(Path.of("../schemas/history/Submission/v1.avsc").toFile());
        final int id = InMemorySchemaRegistry.forScope(registryScope).register(Topics.SUBMISSIONS.name() + "-value", v1);
        final GenericRecord reporter = new GenericData.Record(v1.getField("reporter").schema());
        reporter.put("type", new GenericData.EnumSymbol(reporter.getSchema().getField("type").schema(), "STATE"));
        reporter.put("country", "FRA");
        reporter.put("organisation", "Ministry of Justice");
        final Schema responseSchema = v1.getField("responses").schema().getElementType();
        final GenericRecord response = new GenericData.Record(responseSchema);
        response.put("recommendationId", "2013.10");
        response.put("status", new GenericData.EnumSymbol(responseSchema.getField("status").schema(), "IMPLEMENTED"));
        response.put("measures", List.of());
        response.put("technicalAssistanceNeeded", false);
        response.put("exploitationForms", List.of());
        final GenericRecord submission = new GenericData.Record(v1);
        submission.put("submissionId", "v1-1");
        submission.put("reporter", reporter);
        submission.put("submittedAt", java.time.Instant.parse("2026-01-10T09:00:00Z").toEpochMilli());
        submission.put("language", "fr");
        submission.put("responses", List.of(response));

        rawSubmissions.pipeInput("FRA", confluentFramed(id, v1, submission), NOW);

        assertThat(rejected.isEmpty()).isTrue();
        final var cell = table(cells).get("STATE|FRA|2013.10");
        assertThat(cell.getStatus()).isEqualTo(IMPLEMENTED);
        assertThat(cell.getOrganisation()).isEqualTo("Ministry of Justice");
        assertThat(cell.getEvidence()).as("added in v2 with default []").isEmpty();
    }

    private static byte[] confluentFramed(final int schemaId, final Schema schema, final GenericRecord record)
        throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] bytes(final ByteBuffer buffer) {
        final ByteBuffer copy = buffer.duplicate();
        final byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
