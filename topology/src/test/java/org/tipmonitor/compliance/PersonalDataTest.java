package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tipmonitor.avro.ImplementationStatus.IMPLEMENTED;
import static org.tipmonitor.avro.ImplementationStatus.PLANNED;
import static org.tipmonitor.testing.Fixtures.response;
import static org.tipmonitor.testing.Fixtures.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Response;
import org.tipmonitor.testing.TopologyTestBase;

/** Personal data from a direct producer: the response is refused and its text copied nowhere. */
class PersonalDataTest extends TopologyTestBase {

    private static final List<String> PERSONAL = List.of("maria.lopez@example.org", "+33 6 12 34 56 78",
        "06 12 34 56 78", "passport no. 12AB34567", "X1234567", "P<FRANOM<<PRENOM<<<<<<",
        "Maria Lopez (born 12/03/1990)", "date of birth: 1990-03-12", "123456789012");

    @Test
    void eachKindOfPersonalDataIsFound() {
        for (final String text : PERSONAL) {
            assertThat(PersonalDataScreen.find("f", "The victim, " + text + ", was assisted.")).as(text).isPresent();
        }
    }

    /**
     * A direct producer may send a megabyte of free text: the screen must stay linear in it, or one record stalls
     * its task (the unbounded e-mail pattern backtracked at each of the million positions of this text).
     */
    @Test
    void aMegabyteOfHostileTextIsScreenedInLinearTime() {
        final List<String> texts = List.of("x".repeat(1_000_000), "tel" + " ".repeat(1_000_000),
            "passport" + " ".repeat(1_000_000), "Aa ".repeat(300_000), "1".repeat(1_000_000) + "a",
            "a.".repeat(500_000) + "@");
        for (final String text : texts) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PersonalDataScreen.find("f", text),
                text.substring(0, 12) + "...");
        }
    }

    @Test
    void theTextsOfOrdinaryReportsAreNotFlagged() {
        for (final String text : List.of(
            "Law No. 2013-711 of 5 August 2013 amended article 225-4-1 of the Penal Code.",
            "In 2012-2014, 1,234 victims were identified (up 12.5%); 2015 2016 2017 figures follow.",
            "See A/RES/64/293, CTOC/COP/WG.4/2013/4 and https://www.unodc.org/documents/glotip/2024/GLOTIP2024.pdf",
            "Recommendation 2013.10 was implemented on 12 March 2014 by decree 2014-123.",
            "A hotline (119) and 24 shelters with 1 200 beds; budget EUR 3,500,000 for 2016.",
            "Article 3(a) of the Protocol; SDG 16.2.2; ISO 3166; resolution 6/1; para 58.")) {
            assertThat(PersonalDataScreen.find("f", text)).as(text).isEmpty();
        }
    }

    @Test
    void aResponseWithPersonalDataIsRejectedWithItsLocationOnlyAndTheOthersStillApply() {
        loadReference(ComplianceWorld.WORLD);
        for (final String text : PERSONAL) {
            final Response narrative = Response.newBuilder(response("2013.10", IMPLEMENTED))
                .setNarrative("Shelter staff: " + text).build();
            final Response challenges = Response.newBuilder(response("2013.13", PLANNED))
                .setChallenges(text).build();
            final Response form = Response.newBuilder(response("2013.10", PLANNED))
                .setExploitationForms(List.of(ExploitationReport.newBuilder().setForm(ExploitationForm.OTHER).setDescription(text).build())).build();
            final Response evidence = Response.newBuilder(response("2013.13", PLANNED))
                .setEvidence(List.of("Law 2013-711", text)).build();
            int n = 0;
            for (final Response response : List.of(narrative, challenges, form, evidence)) {
                submit(state("pd-" + text.hashCode() + "-" + n++, "FRA", "2026-01-10T09:00:00Z", response));
            }
        }
        final List<Rejection> rejections = rejected.readValuesToList();
        assertThat(rejections).hasSize(PERSONAL.size() * 4);
        assertThat(rejections).allSatisfy(rejection -> {
            assertThat(rejection.getReason()).isEqualTo(RejectionReason.PERSONAL_DATA);
            assertThat(rejection.getMessage()).contains("personal data").contains("at characters");
            assertThat(rejection.getRawValue()).isNull();
        });
        assertThat(table(cells)).as("nothing of it was stored").isEmpty();
        for (final Rejection rejection : rejections) {
            for (final String text : PERSONAL) {
                assertThat(rejection.toString()).doesNotContain(text);
            }
        }
    }

    @Test
    void aWholeRecordFailureWithPersonalDataIsDeadLetteredWithoutItsBytes() {
        loadReference(ComplianceWorld.WORLD);
        // Blank id: refused as a whole, normally with its raw bytes; here they hold an e-mail address.
        final Response withEmail = Response.newBuilder(response("2013.10", IMPLEMENTED))
            .setNarrative("contact maria.lopez@example.org").build();
        submit(state(" ", "FRA", "2026-01-10T09:00:00Z", withEmail));
        submit(state("fra-1", "FRA", "2026-01-10T09:00:00Z", response("2013.10", IMPLEMENTED)));

        final Rejection rejection = rejected.readValue();
        assertThat(rejection.getReason()).isEqualTo(RejectionReason.REQUIRED_FIELD_MISSING);
        assertThat(rejection.getRawValue()).isNull();
        assertThat(rejection.getMessage()).contains("raw bytes withheld").contains("EMAIL")
            .doesNotContain("maria.lopez");
        final List<Cell> applied = cells.readValuesToList();
        assertThat(applied).extracting(Cell::getSubmissionId).containsExactly("fra-1");
        assertThat(new String(rejection.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .doesNotContain("example.org");
    }
}
