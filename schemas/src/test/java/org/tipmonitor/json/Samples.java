package org.tipmonitor.json;

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

/** One fully populated instance of every top-level record of the contract, for round-trip tests. */
final class Samples {

    static final Instant SUBMITTED = Instant.parse("2014-03-01T10:00:00Z");

    private Samples() {
    }

    static List<SpecificRecord> all() {
        return List.of(submission(), cell(), alert(), rejection(), complianceRow(), complianceDelta(),
                country(), glotipRow(), recommendation());
    }

    static Submission submission() {
        return Submission.newBuilder()
                .setSubmissionId("sub-1")
                .setReporter(Reporter.newBuilder().setType(ReporterType.STATE).setCountry("AUT")
                        .setOrganisation("Federal Ministry of the Interior").build())
                .setSubmittedAt(SUBMITTED)
                .setLanguage("de")
                .setResponses(List.of(
                        Response.newBuilder().setRecommendationId("2013.10").setStatus(ImplementationStatus.IMPLEMENTED)
                                .setMeasures(List.of(Measure.LEGISLATION, Measure.TRAINING))
                                .setNarrative("Criminal Code amended; consent irrelevant (§ 104a StGB).")
                                .setChallenges(null).setTechnicalAssistanceNeeded(false)
                                .setExploitationForms(List.of())
                                .setEvidence(List.of("https://example.org/law")).build(),
                        Response.newBuilder().setRecommendationId("2013.43").setStatus(ImplementationStatus.IN_PROGRESS)
                                .setMeasures(List.of()).setNarrative(null).setChallenges("Data are scattered.")
                                .setTechnicalAssistanceNeeded(true)
                                .setExploitationForms(List.of(
                                        ExploitationReport.newBuilder().setForm(ExploitationForm.FORCED_BEGGING)
                                                .setDescription(null).build(),
                                        ExploitationReport.newBuilder().setForm(ExploitationForm.OTHER)
                                                .setDescription("online fraud compounds").build()))
                                .setEvidence(List.of()).build()))
                .build();
    }

    static Cell cell() {
        return Cell.newBuilder().setReporterType(ReporterType.CIVIL_SOCIETY).setCountry("NGA")
                .setRecommendationId("2013.5").setStatus(ImplementationStatus.PARTIALLY_IMPLEMENTED)
                .setSubmissionId("sub-2").setSubmittedAt(Instant.parse("2015-06-30T23:59:59.123Z"))
                .setOrganisation("NAPTIP watch").setLanguage("en").setMeasures(List.of(Measure.PARTNERSHIP))
                .setNarrative("MoU signed").setChallenges(null).setTechnicalAssistanceNeeded(false)
                .setExploitationForms(List.of(ExploitationReport.newBuilder()
                        .setForm(ExploitationForm.DEBT_BONDAGE).setDescription("brick kilns").build()))
                .setEvidence(List.of("doc-17")).build();
    }

    static Alert alert() {
        return Alert.newBuilder().setAlertId("overdue|STATE|AUT|2016").setKind(AlertKind.OVERDUE)
                .setSeverity(AlertSeverity.HIGH).setCategory(AlertCategory.GAP).setStatus(AlertStatus.RESOLVED)
                .setReporterType(ReporterType.STATE).setCountry("AUT").setRecommendationId(null).setCycle("2016")
                .setReason("No report before the 2016 edition").setDetails(List.of("2013.10", "2013.11"))
                .setCausedBySubmissionId(null).setOpenedAt(Instant.parse("2016-01-01T00:00:00Z"))
                .setResolvedAt(Instant.parse("2016-02-01T12:30:00Z")).setResolution("every missing recommendation answered")
                .setResolvedBySubmissionId("aut-7").setUpdatedAt(Instant.parse("2016-02-01T12:30:00Z")).build();
    }

    static Rejection rejection() {
        return Rejection.newBuilder().setReason(RejectionReason.MALFORMED_AVRO)
                .setMessage("could not decode").setSubmissionId(null).setRecommendationId(null)
                .setReporterType(null).setCountry(null).setSourceTopic("tip.submissions").setSourcePartition(3)
                .setSourceOffset(9_876_543_210L)
                .setRawKey(ByteBuffer.wrap("key".getBytes(StandardCharsets.UTF_8)))
                .setRawValue(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}))
                .setRejectedAt(Instant.parse("2020-05-05T05:05:05Z")).build();
    }

    static ComplianceRow complianceRow() {
        return ComplianceRow.newBuilder().setDimension(Dimension.THEME).setReporterType(ReporterType.STATE)
                .setKey("CONSENT").setLabel("Consent").setExpected(40).setReported(3).setReportedByParties(2)
                .setCounts(StatusCounts.newBuilder().setNOTSTARTED(1).setPLANNED(0).setINPROGRESS(0)
                        .setPARTIALLYIMPLEMENTED(0).setIMPLEMENTED(1).setNOTAPPLICABLE(1).build())
                .setApplicable(2).setImplementationRate(0.5).setProgressScore(0.5).setCoverage(null)
                .setLastSubmittedAt(SUBMITTED).setUpdatedAt(Instant.parse("2014-03-01T10:00:01Z")).build();
    }

    static ComplianceDelta complianceDelta() {
        return ComplianceDelta.newBuilder().setDimension(Dimension.COUNTRY).setReporterType(ReporterType.STATE)
                .setKey("AUT").setLabel(null)
                .setMinus(null)
                .setPlus(Contribution.newBuilder().setStatus(ImplementationStatus.PLANNED).setExpectedReporter(true)
                        .setSubmittedAt(SUBMITTED).build())
                .build();
    }

    static Country country() {
        return Country.newBuilder().setIso3("AUT").setNameEn("Austria").setNameZh("奥地利")
                .setEntityType(EntityType.UN_MEMBER_STATE)
                .setRegion(M49Area.newBuilder().setCode("150").setName("Europe").build())
                .setSubRegion(M49Area.newBuilder().setCode("155").setName("Western Europe").build())
                .setProtocolStatus(ProtocolStatus.PARTY).setProtocolPartySince(LocalDate.of(2005, 11, 15))
                .setSource("UN Treaty Collection").build();
    }

    static GlotipRow glotipRow() {
        return GlotipRow.newBuilder().setEdition(2016).setIso3("AUT").setCountry("Austria").setRegion("Europe")
                .setSubregion("Western Europe").setIndicator("Recommendations implemented").setDimension("Total")
                .setCategory("Total").setSex("Total").setAge("Total").setYear(2016).setUnit("Rate")
                .setValue(null).setSource("tip-monitor 2016").build();
    }

    static Recommendation recommendation() {
        return Recommendation.newBuilder().setId("2013.28")
                .setSession(Session.newBuilder().setId("2013").setStartDate(LocalDate.of(2013, 11, 6))
                        .setEndDate(LocalDate.of(2013, 11, 8)).setVenue("Vienna").setDocumentSymbol(null).build())
                .setSection(Section.newBuilder().setLetter("C").setTitleZh("如何减少需求")
                        .setTitleEn("How to reduce demand").build())
                .setParagraph(28).setAddressees(List.of(Addressee.STATES)).setForce(Force.ENCOURAGED)
                .setThemes(List.of(Theme.JURISDICTION, Theme.CRIMINAL_JUSTICE))
                .setTextZh("鼓励各国考虑按照《联合国打击跨国有组织犯罪公约》第 15 条建立管辖权。")
                .setSummaryEn("States are encouraged to consider establishing jurisdiction.").build();
    }
}
