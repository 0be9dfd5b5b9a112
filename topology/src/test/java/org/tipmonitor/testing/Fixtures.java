package org.tipmonitor.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Cell;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Section;
import org.tipmonitor.avro.Session;
import org.tipmonitor.avro.StatusCounts;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.compliance.ReferenceData;

/**
 * The one fixture builder of the topology tests: builders of the contract's records (the one place that knows which
 * fields a fixture needs) and {@link World}, the reference data a test loads. The worlds themselves (which
 * recommendations and countries a suite needs) are data, next to their suites.
 */
public final class Fixtures {

    /** The date test parties became parties unless a test says otherwise. */
    public static final LocalDate PARTY_SINCE = LocalDate.of(2005, 1, 1);

    private Fixtures() {
    }

    /**
     * The reference data a test loads: recommendations and countries.
     *
     * @param recommendations the catalogue
     * @param countries       the States and other entities
     */
    public record World(List<Recommendation> recommendations, List<Country> countries) {

        public World {
            recommendations = List.copyOf(recommendations);
            countries = List.copyOf(countries);
        }

        /** The same data as the rules read them. */
        public ReferenceData referenceData() {
            return ReferenceData.of(recommendations, countries);
        }
    }

    /** A 2013 recommendation; only its paragraph, force, addressees and themes matter to the rules. */
    public static Recommendation recommendation(final int paragraph, final Force force,
                                                final List<Addressee> addressees, final Theme... themes) {
        return Recommendation.newBuilder()
            .setId("2013." + paragraph)
            .setSession(new Session("2013", LocalDate.of(2013, 11, 6), LocalDate.of(2013, 11, 8), "Vienna", null))
            .setSection(new Section("C", "标题", "Title"))
            .setParagraph(paragraph)
            .setAddressees(addressees)
            .setForce(force)
            .setThemes(Arrays.asList(themes))
            .setTextZh("第" + paragraph + "段")
            .setSummaryEn("Paragraph " + paragraph)
            .setShortTitleEn("title of para " + paragraph)
            .build();
    }

    /** A UN Member State; a party since {@link #PARTY_SINCE} when its status is PARTY. */
    public static Country country(final String iso3, final String name, final M49Area region,
                                  final M49Area subRegion, final ProtocolStatus status) {
        return Country.newBuilder()
            .setIso3(iso3)
            .setNameEn(name)
            .setNameZh(name)
            .setEntityType(EntityType.UN_MEMBER_STATE)
            .setRegion(region)
            .setSubRegion(subRegion)
            .setProtocolStatus(status)
            .setProtocolPartySince(status == ProtocolStatus.PARTY ? PARTY_SINCE : null)
            .setSource("test fixture")
            .build();
    }

    /** A response; forms of exploitation observed are listed, OTHER with a description. */
    public static Response response(final String recommendationId, final ImplementationStatus status,
                                    final ExploitationForm... forms) {
        return Response.newBuilder()
            .setRecommendationId(recommendationId)
            .setStatus(status)
            .setExploitationForms(Arrays.stream(forms)
                .map(form -> ExploitationReport.newBuilder().setForm(form)
                    .setDescription(form == ExploitationForm.OTHER ? "described" : null).build())
                .toList())
            .build();
    }

    public static Submission submission(final String id, final ReporterType type, final String country,
                                        final Instant submittedAt, final Response... responses) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(new Reporter(type, country, null))
            .setSubmittedAt(submittedAt)
            .setResponses(Arrays.asList(responses))
            .build();
    }

    public static Submission submission(final String id, final ReporterType type, final String country,
                                        final String submittedAt, final Response... responses) {
        return submission(id, type, country, Instant.parse(submittedAt), responses);
    }

    /** A State's submission. */
    public static Submission state(final String id, final String country, final String submittedAt,
                                   final Response... responses) {
        return submission(id, ReporterType.STATE, country, Instant.parse(submittedAt), responses);
    }

    /** A State cell as the topology would make it from one response. */
    public static Cell cell(final String country, final String recommendationId, final ImplementationStatus status,
                            final String submissionId, final String submittedAt, final ExploitationForm... forms) {
        return Cell.newBuilder()
            .setReporterType(ReporterType.STATE)
            .setCountry(country)
            .setRecommendationId(recommendationId)
            .setStatus(status)
            .setSubmissionId(submissionId)
            .setSubmittedAt(Instant.parse(submittedAt))
            .setExploitationForms(Arrays.stream(forms)
                .map(form -> ExploitationReport.newBuilder().setForm(form)
                    .setDescription(form == ExploitationForm.OTHER ? "described" : null).build())
                .toList())
            .build();
    }

    /** A STATE row of the by-recommendation table with the given counts (twelve States expected). */
    public static ComplianceRow recommendationRow(final String recommendationId, final int implemented,
                                                  final int planned, final int notApplicable) {
        final int reported = implemented + planned + notApplicable;
        final int applicable = implemented + planned;
        return ComplianceRow.newBuilder()
            .setDimension(Dimension.RECOMMENDATION)
            .setReporterType(ReporterType.STATE)
            .setKey(recommendationId)
            .setExpected(12)
            .setReported(reported)
            .setReportedByParties(reported)
            .setCounts(new StatusCounts(0, planned, 0, 0, implemented, notApplicable, 0, 0))
            .setApplicable(applicable)
            .setImplementationRate(applicable == 0 ? null : (double) implemented / applicable)
            .setUpdatedAt(Instant.EPOCH)
            .build();
    }

    /** A STATE row of the by-country table whose latest submission is {@code lastSubmittedAt}. */
    public static ComplianceRow countryRow(final String iso3, final Instant lastSubmittedAt) {
        return ComplianceRow.newBuilder()
            .setDimension(Dimension.COUNTRY)
            .setReporterType(ReporterType.STATE)
            .setKey(iso3)
            .setExpected(3)
            .setReported(1)
            .setReportedByParties(1)
            .setCounts(new StatusCounts(0, 0, 0, 0, 1, 0, 0, 0))
            .setApplicable(1)
            .setLastSubmittedAt(lastSubmittedAt)
            .setUpdatedAt(Instant.EPOCH)
            .build();
    }
}
