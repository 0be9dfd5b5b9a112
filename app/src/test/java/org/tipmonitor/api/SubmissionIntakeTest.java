package org.tipmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.json.AvroJsonException;

class SubmissionIntakeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");
    private static final GatewayTokens.Grant FRANCE = new GatewayTokens.Grant(ReporterType.STATE, "FRA", "MinInt");
    private static final GatewayTokens.Grant UNODC = new GatewayTokens.Grant(ReporterType.UNODC, "UNODC", null);

    private final SubmissionIntake intake = new SubmissionIntake(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void stampsTheTokensReporterAndTheServerTimeOnABodyWithout() {
        final Submission submission = intake.accept("{\"submissionId\": \"s1\", \"responses\": ["
            + "{\"recommendationId\": \"2013.10\", \"status\": \"IN_PROGRESS\"}]}", FRANCE);

        assertThat(submission.getReporter().getType()).isEqualTo(ReporterType.STATE);
        assertThat(submission.getReporter().getCountry()).isEqualTo("FRA");
        assertThat(submission.getReporter().getOrganisation()).isEqualTo("MinInt");
        assertThat(submission.getSubmittedAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00.123Z"));
        assertThat(submission.getLanguage()).isEqualTo("en");
        assertThat(submission.getResponses().get(0).getStatus()).isEqualTo(ImplementationStatus.IN_PROGRESS);
    }

    @Test
    void keepsTheClientsTimeAndAMatchingClaimInAnyCase() {
        final Submission submission = intake.accept("{\"submissionId\": \"s2\", \"submittedAt\": \"2014-03-01T10:00:00Z\","
            + " \"reporter\": {\"type\": \"state\", \"country\": \"fra\", \"organisation\": \"ignored\"},"
            + " \"language\": \"fr\", \"responses\": [{\"recommendationId\": \"2013.10\", \"status\": \"PLANNED\"}]}",
            FRANCE);

        assertThat(submission.getSubmittedAt()).isEqualTo(Instant.parse("2014-03-01T10:00:00Z"));
        assertThat(submission.getReporter().getCountry()).isEqualTo("FRA");
        // The token names the organisation: the body cannot speak for another one.
        assertThat(submission.getReporter().getOrganisation()).isEqualTo("MinInt");
        assertThat(submission.getLanguage()).isEqualTo("fr");
    }

    @Test
    void refusesABodyClaimingAnotherCountryOrReporterType() {
        assertThatThrownBy(() -> intake.accept("{\"submissionId\": \"s3\", \"reporter\": {\"type\": \"STATE\","
            + " \"country\": \"DEU\"}, \"responses\": []}", FRANCE))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
            .hasMessageContaining("FRA").hasMessageContaining("DEU");
        assertThatThrownBy(() -> intake.accept("{\"submissionId\": \"s4\", \"reporter\": {\"type\": \"NHRI\"},"
            + " \"responses\": []}", FRANCE))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
            .hasMessageContaining("reporter.type");
    }

    @Test
    void unodcTokensFileTheirReportsUnderUnodc() {
        final Submission submission = intake.accept("{\"submissionId\": \"u1\", \"reporter\": {\"type\": \"UNODC\","
            + " \"country\": \"unodc\"}, \"responses\": [{\"recommendationId\": \"2013.6\", \"status\": \"IMPLEMENTED\"}]}",
            UNODC);

        assertThat(submission.getReporter().getCountry()).isEqualTo("UNODC");
    }

    @Test
    void namesTheFieldOfASchemaViolation() {
        assertThatThrownBy(() -> intake.accept("{\"submissionId\": \"s5\", \"responses\": ["
            + "{\"recommendationId\": \"2013.10\", \"status\": \"DONE\"}]}", FRANCE))
            .isInstanceOf(AvroJsonException.class)
            .hasMessageStartingWith("responses[0].status");
        assertThatThrownBy(() -> intake.accept("{\"responses\": []}", FRANCE))
            .isInstanceOf(AvroJsonException.class)
            .hasMessageContaining("submissionId");
        assertThatThrownBy(() -> intake.accept("{\"submissionId\": ", FRANCE))
            .isInstanceOf(AvroJsonException.class)
            .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> intake.accept("[1]", FRANCE))
            .isInstanceOf(AvroJsonException.class)
            .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> intake.accept("{\"submissionId\": \"s6\", \"reporter\": \"FRA\", \"responses\": []}",
            FRANCE))
            .isInstanceOf(AvroJsonException.class)
            .hasMessageStartingWith("reporter:");
    }
}
