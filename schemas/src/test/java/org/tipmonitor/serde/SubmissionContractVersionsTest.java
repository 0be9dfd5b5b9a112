package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.LegislationReference;
import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.ReportingPeriod;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.Submission;

/**
 * Submission contract version 3 (national statistics, counted incidents, reporting period, legislation) next to
 * the released versions: events written with v1 and v2 are read by the v3 classes with the new parts at their
 * defaults, and v3 events are read by a consumer still on v2 (Avro schema resolution, writer v3, reader v2), which
 * sees its own fields unchanged and skips the new ones.
 */
class SubmissionContractVersionsTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void v3CodeReadsV1Events() throws IOException {
        final Schema v1 = history(1);
        final Submission read = readAsCurrent(v1, SpecificAvroSerdeTest.submissionV1(v1));

        assertThat(read.getSubmissionId()).isEqualTo("sub-v1");
        assertThat(read.getResponses()).singleElement().satisfies(response -> {
            assertThat(response.getStatus()).isEqualTo(ImplementationStatus.IMPLEMENTED);
            assertThat(response.getEvidence()).isEmpty();
            assertThat(response.getLegislation()).isEmpty();
        });
        assertThat(read.getStatistics()).isEmpty();
        assertThat(read.getReportingPeriod()).isNull();
    }

    @Test
    void v3CodeReadsV2Events() throws IOException {
        final Schema v2 = history(2);
        final GenericRecord written = SpecificAvroSerdeTest.submissionV1(v2);
        final Schema responseSchema = v2.getField("responses").schema().getElementType();
        final Schema reportSchema = responseSchema.getField("exploitationForms").schema().getElementType();
        final GenericRecord report = new GenericData.Record(reportSchema);
        report.put("form", new GenericData.EnumSymbol(reportSchema.getField("form").schema(), "FORCED_BEGGING"));
        final GenericRecord response = (GenericRecord) ((List<?>) written.get("responses")).get(0);
        response.put("exploitationForms", List.of(report));
        response.put("evidence", List.of("https://example.org/law"));

        final Submission read = readAsCurrent(v2, written);

        final Response readResponse = read.getResponses().get(0);
        assertThat(readResponse.getEvidence()).containsExactly("https://example.org/law");
        assertThat(readResponse.getLegislation()).isEmpty();
        assertThat(readResponse.getExploitationForms()).singleElement().satisfies(form -> {
            assertThat(form.getForm()).isEqualTo(ExploitationForm.FORCED_BEGGING);
            assertThat(form.getIncidents()).isNull();
            assertThat(form.getYear()).isNull();
        });
        assertThat(read.getStatistics()).isEmpty();
        assertThat(read.getReportingPeriod()).isNull();
    }

    @Test
    void v2CodeReadsV3Events() throws IOException {
        final Schema v2 = history(2);
        final Submission v3 = submissionV3();

        final GenericRecord read = readWith(Submission.getClassSchema(), v2, specificBytes(v3));

        assertThat(read.getSchema()).isEqualTo(v2);
        assertThat(read.get("submissionId").toString()).isEqualTo("sub-v3");
        assertThat(read.get("submittedAt")).isEqualTo(SUBMITTED_AT.toEpochMilli());
        assertThat(read.getSchema().getField("statistics")).isNull();
        final GenericRecord response = (GenericRecord) ((List<?>) read.get("responses")).get(0);
        assertThat(response.get("recommendationId").toString()).isEqualTo("2013.43");
        assertThat(response.get("status").toString()).isEqualTo("IN_PROGRESS");
        assertThat(((List<?>) response.get("evidence")).get(0).toString()).isEqualTo("Annual report 2023");
        assertThat(response.getSchema().getField("legislation")).isNull();
        final GenericRecord report = (GenericRecord) ((List<?>) response.get("exploitationForms")).get(0);
        assertThat(report.get("form").toString()).isEqualTo("DEBT_BONDAGE");
        assertThat(report.getSchema().getField("incidents")).isNull();
    }

    @Test
    void v3EventsKeepEveryNewPartThroughTheCurrentClasses() throws IOException {
        final Submission v3 = submissionV3();

        final Submission read = readAsCurrent(Submission.getClassSchema(), specificBytes(v3));

        assertThat(read).isEqualTo(v3);
        assertThat(read.getStatistics()).hasSize(2);
        assertThat(read.getReportingPeriod().getTo()).isEqualTo(LocalDate.parse("2023-12-31"));
    }

    static Submission submissionV3() {
        return Submission.newBuilder()
            .setSubmissionId("sub-v3")
            .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry("NGA").build())
            .setSubmittedAt(SUBMITTED_AT)
            .setResponses(List.of(Response.newBuilder()
                .setRecommendationId("2013.43")
                .setStatus(ImplementationStatus.IN_PROGRESS)
                .setExploitationForms(List.of(ExploitationReport.newBuilder()
                    .setForm(ExploitationForm.DEBT_BONDAGE).setIncidents(12).setYear(2023).build()))
                .setEvidence(List.of("Annual report 2023"))
                .setLegislation(List.of(LegislationReference.newBuilder()
                    .setInstrument("Trafficking in Persons (Prohibition) Enforcement and Administration Act 2015")
                    .setArticle("s. 13").setAdopted("2015-03-26").build()))
                .build()))
            .setStatistics(List.of(
                NationalStatistic.newBuilder().setIndicator(StatisticIndicator.VICTIMS_DETECTED).setYear(2023)
                    .setSex(Sex.FEMALE).setAge(AgeGroup.CHILD).setForm(StatisticForm.SEXUAL_EXPLOITATION)
                    .setCitizenship("NGA").setCount(41).build(),
                NationalStatistic.newBuilder().setIndicator(StatisticIndicator.PERSONS_CONVICTED).setYear(2023)
                    .setSex(Sex.TOTAL).setAge(AgeGroup.TOTAL).setCount(7).build()))
            .setReportingPeriod(ReportingPeriod.newBuilder().setFrom(LocalDate.parse("2023-01-01"))
                .setTo(LocalDate.parse("2023-12-31")).build())
            .build();
    }

    private static Schema history(final int version) throws IOException {
        return new Schema.Parser().parse(Path.of("history/Submission/v" + version + ".avsc").toFile());
    }

    private static Submission readAsCurrent(final Schema writer, final GenericRecord written) throws IOException {
        return readAsCurrent(writer, genericBytes(writer, written));
    }

    private static Submission readAsCurrent(final Schema writer, final byte[] bytes) throws IOException {
        return new SpecificDatumReader<Submission>(writer, Submission.getClassSchema(),
            SpecificData.getForClass(Submission.class))
            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static GenericRecord readWith(final Schema writer, final Schema reader, final byte[] bytes)
        throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static byte[] genericBytes(final Schema schema, final GenericRecord record) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] specificBytes(final Submission submission) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<Submission>(Submission.getClassSchema(), SpecificData.getForClass(Submission.class))
            .write(submission, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
