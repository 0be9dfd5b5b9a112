package org.tipmonitor.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Measure;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;

class AvroJsonTest {

    /** A minimal valid submission in plain JSON; tests change one thing in it. */
    private static final String SUBMISSION = "{"
            + "\"submissionId\": \"s-1\","
            + "\"reporter\": {\"type\": \"STATE\", \"country\": \"AUT\"},"
            + "\"submittedAt\": \"2014-03-01T10:00:00Z\","
            + "\"responses\": ["
            + "  {\"recommendationId\": \"2013.10\", \"status\": \"IMPLEMENTED\"},"
            + "  {\"recommendationId\": \"2013.11\", \"status\": \"PLANNED\"},"
            + "  {\"recommendationId\": \"2013.12\", \"status\": \"IN_PROGRESS\"}"
            + "]}";

    static Stream<SpecificRecord> samples() {
        return Samples.all().stream();
    }

    private static ObjectNode submission() {
        return (ObjectNode) AvroJson.parse(SUBMISSION);
    }

    private static ObjectNode response(final ObjectNode submission, final int index) {
        return (ObjectNode) submission.withArray("responses").get(index);
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.tipmonitor.json.AvroJsonTest#samples")
        void everyTopLevelRecordSurvivesJsonAndBack(final SpecificRecord original) {
            final ObjectNode json = AvroJson.toJson(original);

            final SpecificRecord fromTree = AvroJson.fromJson(json, original.getClass());
            final SpecificRecord fromText = AvroJson.fromJson(AvroJson.toJsonString(original), original.getClass());

            assertThat(fromTree).isEqualTo(original);
            assertThat(fromText).isEqualTo(original);
            assertThat(AvroJson.toJson(fromTree)).isEqualTo(json);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.tipmonitor.json.AvroJsonTest#samples")
        void recordsReadFromJsonAreValidAvroDatums(final SpecificRecord original) throws IOException {
            final SpecificRecord read = AvroJson.fromJson(AvroJson.toJson(original), original.getClass());

            assertThat(binaryRoundTrip(read)).isEqualTo(original);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.tipmonitor.json.AvroJsonTest#samples")
        void fieldsAreWrittenInSchemaOrder(final SpecificRecord original) {
            final List<String> written = new ArrayList<>();
            AvroJson.toJson(original).fieldNames().forEachRemaining(written::add);

            assertThat(written).containsExactlyElementsOf(
                    original.getSchema().getFields().stream().map(Schema.Field::name).toList());
        }

        @Test
        void outputIsPlainJsonNotAvroJsonEncoding() {
            final ObjectNode alert = AvroJson.toJson(Samples.alert());

            assertThat(alert.get("kind").textValue()).isEqualTo("OVERDUE");
            assertThat(alert.get("country").textValue()).isEqualTo("AUT");
            assertThat(alert.get("recommendationId").isNull()).isTrue();
            assertThat(alert.get("openedAt").textValue()).isEqualTo("2016-01-01T00:00:00Z");
            assertThat(alert.get("resolvedAt").textValue()).isEqualTo("2016-02-01T12:30:00Z");

            final ObjectNode country = AvroJson.toJson(Samples.country());
            assertThat(country.get("protocolPartySince").textValue()).isEqualTo("2005-11-15");
            assertThat(country.get("region").get("code").textValue()).isEqualTo("150");

            final ObjectNode rejection = AvroJson.toJson(Samples.rejection());
            assertThat(rejection.get("rawValue").textValue()).isEqualTo("AAEC/w==");
            assertThat(rejection.get("sourceOffset").longValue()).isEqualTo(9_876_543_210L);
        }

        @Test
        void writingBytesDoesNotConsumeTheBuffer() {
            final Rejection rejection = Samples.rejection();
            AvroJson.toJson(rejection);

            assertThat(AvroJson.toJson(rejection).get("rawKey").textValue()).isEqualTo("a2V5");
        }

        @Test
        void millisecondsAreKept() {
            assertThat(AvroJson.toJson(Samples.cell()).get("submittedAt").textValue())
                    .isEqualTo("2015-06-30T23:59:59.123Z");
        }
    }

    @Nested
    class Reading {

        @Test
        void nestedArraysOfRecordsAreRead() {
            final ObjectNode json = submission();
            response(json, 1).putArray("exploitationForms")
                    .add(AvroJson.mapper().createObjectNode().put("form", "DEBT_BONDAGE"))
                    .add(AvroJson.mapper().createObjectNode().put("form", "OTHER").put("description", "scam centres"));
            response(json, 1).putArray("measures").add("TRAINING").add("LEGISLATION");

            final Submission submission = AvroJson.fromJson(json, Submission.class);

            assertThat(submission.getResponses()).extracting(Response::getStatus).containsExactly(
                    ImplementationStatus.IMPLEMENTED, ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS);
            final Response second = submission.getResponses().get(1);
            assertThat(second.getMeasures()).containsExactly(Measure.TRAINING, Measure.LEGISLATION);
            assertThat(second.getExploitationForms()).hasSize(2);
            assertThat(second.getExploitationForms().get(0).getForm()).isEqualTo(ExploitationForm.DEBT_BONDAGE);
            assertThat(second.getExploitationForms().get(0).getDescription()).isNull();
            assertThat(second.getExploitationForms().get(1).getDescription()).isEqualTo("scam centres");
        }

        @Test
        void missingFieldsTakeTheirSchemaDefaults() {
            final Submission submission = AvroJson.fromJson(SUBMISSION, Submission.class);

            assertThat(submission.getLanguage()).isEqualTo("en");
            assertThat(submission.getReporter().getOrganisation()).isNull();
            final Response first = submission.getResponses().get(0);
            assertThat(first.getMeasures()).isEmpty();
            assertThat(first.getNarrative()).isNull();
            assertThat(first.getTechnicalAssistanceNeeded()).isFalse();
            assertThat(first.getExploitationForms()).isEmpty();
            assertThat(first.getEvidence()).isEmpty();
        }

        @Test
        void defaultListsAreNotSharedBetweenRecords() {
            final Submission submission = AvroJson.fromJson(SUBMISSION, Submission.class);
            submission.getResponses().get(0).getEvidence().add("added later");

            final Submission another = AvroJson.fromJson(SUBMISSION, Submission.class);

            assertThat(another.getResponses().get(0).getEvidence()).isEmpty();
            assertThat(submission.getResponses().get(1).getEvidence()).isEmpty();
        }

        @Test
        void explicitNullIsAcceptedForNullableFields() {
            final ObjectNode json = submission();
            ((ObjectNode) json.get("reporter")).putNull("country");

            assertThat(AvroJson.fromJson(json, Submission.class).getReporter().getCountry()).isNull();
        }

        @Test
        void timestampWithOffsetIsNormalisedToUtc() {
            final ObjectNode json = submission();
            json.put("submittedAt", "2014-03-01T11:00:00+01:00");

            final Submission submission = AvroJson.fromJson(json, Submission.class);

            assertThat(submission.getSubmittedAt()).isEqualTo(Instant.parse("2014-03-01T10:00:00Z"));
            assertThat(AvroJson.toJson(submission).get("submittedAt").textValue()).isEqualTo("2014-03-01T10:00:00Z");
        }

        @Test
        void timestampIsTruncatedToTheMillisecondsAvroKeeps() {
            final ObjectNode json = submission();
            json.put("submittedAt", "2014-03-01T10:00:00.123456789-05:30");

            assertThat(AvroJson.fromJson(json, Submission.class).getSubmittedAt())
                    .isEqualTo(Instant.parse("2014-03-01T15:30:00.123Z"));
        }

        @Test
        void datesAreRead() {
            final ObjectNode json = AvroJson.toJson(Samples.country());
            json.put("protocolPartySince", "2013-11-08");

            assertThat(AvroJson.fromJson(json, Country.class).getProtocolPartySince())
                    .isEqualTo(LocalDate.of(2013, 11, 8));
        }

        @Test
        void integersAreAcceptedWhereADoubleIsExpected() {
            final ObjectNode json = AvroJson.toJson(Samples.complianceRow());
            json.put("coverage", 1);

            assertThat(AvroJson.fromJson(json, org.tipmonitor.avro.ComplianceRow.class).getCoverage()).isEqualTo(1.0);
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownEnumSymbolNamesThePathAndTheAllowedSymbols() {
            final ObjectNode json = submission();
            response(json, 2).put("status", "DONE");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("responses[2].status");
                        assertThat(e.getMessage()).isEqualTo("responses[2].status: unknown value \"DONE\"; "
                                + "expected one of NOT_STARTED, PLANNED, IN_PROGRESS, PARTIALLY_IMPLEMENTED, "
                                + "IMPLEMENTED, NOT_APPLICABLE, CONSIDERED_NOT_ADOPTED, ALREADY_IN_PLACE, UNKNOWN");
                    });
        }

        @Test
        void enumSymbolsAreCaseSensitiveWithAHint() {
            final ObjectNode json = submission();
            ((ObjectNode) json.get("reporter")).put("type", "state");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("reporter.type");
                        assertThat(e.getMessage()).startsWith("reporter.type: unknown value \"state\"; expected one of STATE,")
                                .endsWith("(values are case-sensitive: did you mean STATE?)");
                    });
        }

        @Test
        void missingRequiredFieldIsNamed() {
            final ObjectNode json = submission();
            response(json, 1).remove("status");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("responses[1].status");
                        assertThat(e.getMessage()).startsWith("responses[1].status: missing required field; "
                                + "expected one of NOT_STARTED, PLANNED");
                    });
        }

        @Test
        void missingRequiredTopLevelFieldIsNamed() {
            final ObjectNode json = submission();
            json.remove("submittedAt");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("submittedAt");
                        assertThat(e.getMessage()).isEqualTo("submittedAt: missing required field; expected an "
                                + "ISO-8601 instant with an offset, such as \"2014-03-01T10:00:00Z\"");
                    });
        }

        @Test
        void oneUnknownFieldIsNamedWithTheKnownOnes() {
            final ObjectNode json = submission();
            response(json, 0).put("narative", "typo");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("responses[0].narative");
                        assertThat(e.getMessage()).isEqualTo("responses[0].narative: unknown field \"narative\" in "
                                + "Response; known fields are recommendationId, status, measures, narrative, "
                                + "challenges, technicalAssistanceNeeded, exploitationForms, evidence, legislation");
                    });
        }

        @Test
        void severalUnknownFieldsAreAllNamedAtTheRecord() {
            final ObjectNode json = submission();
            json.put("foo", 1).put("bar", 2);

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEmpty();
                        assertThat(e.getMessage()).startsWith("unknown fields \"foo\", \"bar\" in Submission; "
                                + "known fields are submissionId, reporter,");
                    });
        }

        @Test
        void nullForANonNullableField() {
            final ObjectNode json = submission();
            json.putNull("submissionId");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("submissionId");
                        assertThat(e.getMessage()).isEqualTo("submissionId: must not be null; expected a string");
                    });
        }

        @Test
        void wrongJsonTypeSaysWhatWasExpectedAndWhatCame() {
            final ObjectNode json = submission();
            response(json, 0).put("technicalAssistanceNeeded", "yes");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("responses[0].technicalAssistanceNeeded");
                        assertThat(e.getMessage()).isEqualTo("responses[0].technicalAssistanceNeeded: "
                                + "expected true or false, got the string \"yes\"");
                    });
        }

        @Test
        void objectWhereAnArrayIsExpected() {
            final ObjectNode json = submission();
            json.putObject("responses");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("responses");
                        assertThat(e.getMessage()).isEqualTo("responses: expected an array of objects (Response), "
                                + "got an object");
                    });
        }

        @Test
        void badItemInAnArrayOfEnumsIsIndexed() {
            final ObjectNode json = submission();
            response(json, 0).putArray("measures").add("TRAINING").add("LAWS");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e ->
                            assertThat(e.path()).isEqualTo("responses[0].measures[1]"));
        }

        @Test
        void unreadableTimestamp() {
            final ObjectNode json = submission();
            json.put("submittedAt", "2014-03-01 10:00");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("submittedAt");
                        assertThat(e.getMessage()).startsWith("submittedAt: cannot read \"2014-03-01 10:00\" as an "
                                + "instant; expected an ISO-8601 instant with an offset");
                    });
        }

        @Test
        void timestampWithoutOffsetIsRejectedAsAmbiguous() {
            final ObjectNode json = submission();
            json.put("submittedAt", "2014-03-01T10:00:00");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e ->
                            assertThat(e.path()).isEqualTo("submittedAt"));
        }

        @Test
        void epochMillisAreNotAcceptedForAnInstant() {
            final ObjectNode json = submission();
            json.put("submittedAt", 1_393_668_000_000L);

            assertThatThrownBy(() -> AvroJson.fromJson(json, Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e ->
                            assertThat(e.getMessage()).endsWith("got the number 1393668000000"));
        }

        @Test
        void unreadableDate() {
            final ObjectNode json = AvroJson.toJson(Samples.country());
            json.put("protocolPartySince", "15/11/2005");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Country.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("protocolPartySince");
                        assertThat(e.getMessage()).isEqualTo("protocolPartySince: cannot read \"15/11/2005\" as a "
                                + "date; expected a date YYYY-MM-DD, such as \"2013-11-06\"");
                    });
        }

        @Test
        void integerOutOfRange() {
            final ObjectNode json = AvroJson.toJson(Samples.recommendation());
            json.put("paragraph", 3_000_000_000L);

            assertThatThrownBy(() -> AvroJson.fromJson(json, Recommendation.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("paragraph");
                        assertThat(e.getMessage()).contains("3000000000 is out of range");
                    });
        }

        @Test
        void fractionWhereAnIntegerIsExpected() {
            final ObjectNode json = AvroJson.toJson(Samples.recommendation());
            json.put("paragraph", 10.5);

            assertThatThrownBy(() -> AvroJson.fromJson(json, Recommendation.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("paragraph: expected an integer (32-bit), got the number 10.5"));
        }

        @Test
        void badBase64() {
            final ObjectNode json = AvroJson.toJson(Samples.rejection());
            json.put("rawKey", "not base64!");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Rejection.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEqualTo("rawKey");
                        assertThat(e.getMessage()).contains("as base64");
                    });
        }

        @Test
        void nestedRecordErrorsCarryTheFullPath() {
            final ObjectNode json = AvroJson.toJson(Samples.country());
            ((ObjectNode) json.get("subRegion")).remove("name");

            assertThatThrownBy(() -> AvroJson.fromJson(json, Country.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e ->
                            assertThat(e.path()).isEqualTo("subRegion.name"));
        }

        @Test
        void documentThatIsNotAnObject() {
            assertThatThrownBy(() -> AvroJson.fromJson("[1, 2]", Alert.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEmpty();
                        assertThat(e.getMessage()).isEqualTo("expected an object (Alert), got an array");
                    });
        }

        @Test
        void malformedJsonNamesLineAndColumn() {
            assertThatThrownBy(() -> AvroJson.fromJson("{\"submissionId\": \"s\",\n  \"reporter\": }", Submission.class))
                    .isInstanceOfSatisfying(AvroJsonException.class, e -> {
                        assertThat(e.path()).isEmpty();
                        assertThat(e.getMessage()).startsWith("not valid JSON at line 2, column");
                    });
        }

        @Test
        void duplicateKeysAreRejected() {
            assertThatThrownBy(() -> AvroJson.fromJson("{\"submissionId\": \"a\", \"submissionId\": \"b\"}",
                    Submission.class))
                    .isInstanceOf(AvroJsonException.class)
                    .hasMessageContaining("submissionId");
        }

        @Test
        void emptyDocument() {
            assertThatThrownBy(() -> AvroJson.fromJson("  ", Submission.class))
                    .isInstanceOf(AvroJsonException.class)
                    .hasMessage("the document is empty; expected a JSON object");
        }

        @Test
        void exceptionIsAnIllegalArgumentException() {
            assertThat(new AvroJsonException("a.b", "x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a.b: x");
        }
    }

    @Test
    void mapperWritesJavaTimeAsIsoStrings() throws IOException {
        final JsonNode written = AvroJson.mapper().valueToTree(new Object() {
            public Instant getAt() {
                return Instant.parse("2014-03-01T10:00:00Z");
            }
        });

        assertThat(written.get("at").textValue()).isEqualTo("2014-03-01T10:00:00Z");
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T binaryRoundTrip(final T record) throws IOException {
        final SpecificData model = SpecificData.getForClass(record.getClass());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema(), model).write(record, encoder);
        encoder.flush();
        final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return new SpecificDatumReader<T>(record.getSchema(), record.getSchema(), model).read(null, decoder);
    }
}
