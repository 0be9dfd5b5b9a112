package org.tipmonitor.serde;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Alert;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.AlertStatus;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.GlotipRow;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.Measure;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Rejection;
import org.tipmonitor.avro.RejectionReason;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Section;
import org.tipmonitor.avro.Session;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;

/** One filled-in instance of every top-level record of the contract, optional parts set. */
final class SampleRecords {

    static final Instant SUBMITTED_AT = Instant.ofEpochMilli(1_700_000_000_123L);

    private SampleRecords() {
    }

    static List<SpecificRecord> all() {
        return List.of(submission(), recommendation(), country(), cell(), complianceRow(), complianceDelta(),
                alert(), rejection(), glotipRow());
    }

    static Submission submission() {
        return Submission.newBuilder()
                .setSubmissionId("sub-DEU-2016-001")
                .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry("DEU")
                        .setOrganisation("Federal Ministry of Justice").build())
                .setSubmittedAt(SUBMITTED_AT)
                .setLanguage("zh")
                .setResponses(List.of(Response.newBuilder()
                        .setRecommendationId("2013.10")
                        .setStatus(ImplementationStatus.IN_PROGRESS)
                        .setMeasures(List.of(Measure.LEGISLATION))
                        .setNarrative("起草了新的法律")
                        .setTechnicalAssistanceNeeded(true)
                        .setExploitationForms(List.of(ExploitationReport.newBuilder()
                                .setForm(ExploitationForm.FORCED_BEGGING).setDescription(null).build()))
                        .setEvidence(List.of("BGBl. I S. 2226"))
                        .build()))
                .build();
    }

    static Recommendation recommendation() {
        return Recommendation.newBuilder()
                .setId("2013.10")
                .setSession(Session.newBuilder().setId("2013").setStartDate(LocalDate.of(2013, 11, 6))
                        .setEndDate(LocalDate.of(2013, 11, 8)).setVenue("Vienna")
                        .setDocumentSymbol("CTOC/COP/WG.4/2013/5").build())
                .setSection(Section.newBuilder().setLetter("A").setTitleZh("建议").setTitleEn("Recommendations").build())
                .setParagraph(10)
                .setAddressees(List.of(Addressee.STATES_PARTIES))
                .setForce(Force.SHOULD)
                .setThemes(List.of(Theme.CONSENT))
                .setTextZh("缔约国应当……")
                .setSummaryEn("States parties should ...")
                .build();
    }

    static Country country() {
        final M49Area europe = M49Area.newBuilder().setCode("150").setName("Europe").build();
        return Country.newBuilder()
                .setIso3("DEU").setNameEn("Germany").setNameZh("德国")
                .setEntityType(EntityType.UN_MEMBER_STATE)
                .setRegion(europe)
                .setSubRegion(M49Area.newBuilder().setCode("155").setName("Western Europe").build())
                .setProtocolStatus(ProtocolStatus.PARTY)
                .setProtocolPartySince(LocalDate.of(2006, 6, 14))
                .setSource("UN Treaty Collection")
                .build();
    }

    static Cell cell() {
        return Cell.newBuilder()
                .setReporterType(ReporterType.NHRI).setCountry("FRA").setRecommendationId("2013.11")
                .setStatus(ImplementationStatus.PLANNED).setSubmissionId("sub-FRA-1").setSubmittedAt(SUBMITTED_AT)
                .setOrganisation("CNCDH").setMeasures(List.of(Measure.REGULATION)).setNarrative("n")
                .setChallenges("c").setTechnicalAssistanceNeeded(true)
                .setExploitationForms(List.of(ExploitationReport.newBuilder().setForm(ExploitationForm.FORCED_BEGGING)
                        .setDescription("street begging").build()))
                .setEvidence(List.of("doc-1"))
                .build();
    }

    static ComplianceRow complianceRow() {
        return ComplianceRow.newBuilder()
                .setDimension(Dimension.COUNTRY).setReporterType(ReporterType.STATE).setKey("DEU").setLabel("Germany")
                .setExpected(12).setReported(3).setReportedByParties(3)
                .setCounts(StatusCounts.newBuilder().setIMPLEMENTED(1).setPLANNED(2).build())
                .setApplicable(3).setImplementationRate(1.0 / 3).setProgressScore(0.5).setCoverage(0.25)
                .setLastSubmittedAt(SUBMITTED_AT).setUpdatedAt(SUBMITTED_AT.plusMillis(5))
                .build();
    }

    static ComplianceDelta complianceDelta() {
        return ComplianceDelta.newBuilder()
                .setDimension(Dimension.REGION).setReporterType(ReporterType.CIVIL_SOCIETY).setKey("150")
                .setLabel("Europe")
                .setMinus(Contribution.newBuilder().setStatus(ImplementationStatus.PLANNED).setExpectedReporter(true)
                        .setSubmittedAt(SUBMITTED_AT).build())
                .setPlus(Contribution.newBuilder().setStatus(ImplementationStatus.IMPLEMENTED).setExpectedReporter(true)
                        .setSubmittedAt(SUBMITTED_AT.plusSeconds(60)).build())
                .build();
    }

    static Alert alert() {
        return Alert.newBuilder()
                .setAlertId("OVERDUE|DEU|2016").setKind(AlertKind.OVERDUE).setSeverity(AlertSeverity.MEDIUM)
                .setCategory(AlertCategory.GAP).setStatus(AlertStatus.RESOLVED).setReporterType(ReporterType.STATE)
                .setCountry("DEU").setRecommendationId(null).setCycle("2016").setReason("No report for 2016")
                .setDetails(List.of("2013.10", "2013.11")).setCausedBySubmissionId("sub-1")
                .setOpenedAt(SUBMITTED_AT).setResolvedAt(SUBMITTED_AT.plusSeconds(3600))
                .setResolution("every missing recommendation answered").setResolvedBySubmissionId("sub-2")
                .setUpdatedAt(SUBMITTED_AT.plusSeconds(3600))
                .build();
    }

    static Rejection rejection() {
        return Rejection.newBuilder()
                .setReason(RejectionReason.NOT_CONFLUENT_FRAMED).setMessage("The payload starts with byte 1.")
                .setSubmissionId(null).setSourceTopic("tip.submissions").setSourcePartition(2).setSourceOffset(42L)
                .setRawKey(ByteBuffer.wrap("k".getBytes(StandardCharsets.UTF_8)))
                .setRawValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setRejectedAt(SUBMITTED_AT)
                .build();
    }

    static GlotipRow glotipRow() {
        return GlotipRow.newBuilder()
                .setEdition(2016).setIso3("DEU").setCountry("Germany").setRegion("Europe").setSubregion("Western Europe")
                .setIndicator("Recommendations implemented").setDimension("Total").setCategory("Total")
                .setYear(2016).setUnit("Rate").setValue(0.25).setSource("tip-monitor, cycle 2016")
                .build();
    }
}
