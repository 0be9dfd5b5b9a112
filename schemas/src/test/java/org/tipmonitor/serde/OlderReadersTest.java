package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;

/**
 * Consumers deployed with an older contract keep reading what the new one writes (the new enum symbols fall back
 * to the enums' defaults), so adding statuses and alert kinds does not stop them.
 */
class OlderReadersTest {

    private static final Path HISTORY = Path.of("history");

    @Test
    void aSubmissionVersionTwoReaderReadsTheNewStatusesAsUnknown() throws IOException {
        final Submission submission = SampleRecords.submission();
        final Response considered = Response.newBuilder(submission.getResponses().get(0))
            .setRecommendationId("2013.12").setStatus(ImplementationStatus.CONSIDERED_NOT_ADOPTED).build();
        final Response inPlace = Response.newBuilder(submission.getResponses().get(0))
            .setRecommendationId("2013.31").setStatus(ImplementationStatus.ALREADY_IN_PLACE).build();
        submission.setResponses(List.of(considered, inPlace));

        final GenericRecord old = readAs(submission, history("Submission/v2.avsc"));

        @SuppressWarnings("unchecked")
        final List<GenericRecord> responses = (List<GenericRecord>) old.get("responses");
        assertThat(responses).extracting(r -> r.get("status").toString()).containsExactly("UNKNOWN", "UNKNOWN");
        assertThat(responses).extracting(r -> r.get("recommendationId").toString())
            .containsExactly("2013.12", "2013.31");
    }

    @Test
    void anAlertVersionOneReaderReadsTheNewKindsAndASupersededAlert() throws IOException {
        final Alert alert = Alert.newBuilder(SampleRecords.alert())
            .setAlertId("NOT_REPORTED|DEU|2026").setKind(AlertKind.NOT_REPORTED).setStatus(AlertStatus.SUPERSEDED)
            .setCategory(AlertCategory.INFO).setRegion("Europe").build();

        final GenericRecord old = readAs(alert, history("Alert/v1.avsc"));

        assertThat(old.get("kind").toString()).isEqualTo("OTHER");
        assertThat(old.get("category").toString()).isEqualTo("GAP");
        // AlertStatus's default is OPEN: a version 1 reader sees a superseded alert as open, but with its
        // resolvedAt and resolution set, which is how such a reader can still tell it was closed.
        assertThat(old.get("status").toString()).isEqualTo("OPEN");
        assertThat(old.get("resolvedAt")).isNotNull();
        assertThat(old.get("resolution")).isNotNull();
        assertThat(old.get("alertId").toString()).isEqualTo("NOT_REPORTED|DEU|2026");
    }

    private static Schema history(final String file) throws IOException {
        return new Schema.Parser().parse(HISTORY.resolve(file).toFile());
    }

    private static <T extends SpecificRecord> GenericRecord readAs(final T record, final Schema reader)
        throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        @SuppressWarnings("unchecked")
        final SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
        writer.write(record, encoder);
        encoder.flush();
        final GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>(record.getSchema(), reader,
            GenericData.get());
        return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
