package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.testing.Fixtures;

/** A submission's {@code language} must be a BCP 47 tag: the text's language is part of what it says. */
class LanguageTagTest {

    private static final Instant AT = Instant.parse("2026-01-10T09:00:00Z");
    private static final ReferenceData REFERENCE = ReferenceData.of(ComplianceWorld.RECOMMENDATIONS, ComplianceWorld.COUNTRIES);

    @Test
    void wellFormedTagsPassAndOthersDoNot() {
        assertThat(SubmissionValidator.isLanguageTag("fr")).isTrue();
        assertThat(SubmissionValidator.isLanguageTag("zh-Hans")).isTrue();
        assertThat(SubmissionValidator.isLanguageTag("es-419")).isTrue();
        assertThat(SubmissionValidator.isLanguageTag("EN-gb")).as("case does not matter").isTrue();
        assertThat(SubmissionValidator.isLanguageTag("en_US")).as("an underscore is Java's, not BCP 47").isFalse();
        assertThat(SubmissionValidator.isLanguageTag("fil")).as("ISO 639-2").isTrue();
        assertThat(SubmissionValidator.isLanguageTag("French")).as("well-formed, but no language").isFalse();
        assertThat(SubmissionValidator.isLanguageTag("xx")).as("no ISO 639-1 code").isFalse();
        assertThat(SubmissionValidator.isLanguageTag("")).isFalse();
        assertThat(SubmissionValidator.isLanguageTag("fr-")).isFalse();
    }

    @Test
    void aSubmissionInAnIllFormedLanguageIsRejectedWholeNamingTheField() {
        final Submission submission = Submission.newBuilder(Fixtures.state("fra-1", "FRA", AT.toString(),
            Fixtures.response("2013.10", ImplementationStatus.PLANNED))).setLanguage("français").build();

        final SubmissionValidator.Outcome outcome = new SubmissionValidator(ComplianceConfig.defaults().submittedAtRange())
            .validate(submission, REFERENCE, AT.toEpochMilli());

        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_LANGUAGE);
            assertThat(rejected.message()).startsWith("language: \"français\"");
        });
        assertThat(new SubmissionValidator(ComplianceConfig.defaults().submittedAtRange()).validate(Submission.newBuilder(submission)
            .setLanguage("fr").build(), REFERENCE, AT.toEpochMilli()).rejected()).isEmpty();
    }
}
