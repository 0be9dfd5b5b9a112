package org.tipmonitor.statistics;

import static org.tipmonitor.avro.AgeGroup.ADULT;
import static org.tipmonitor.avro.AgeGroup.CHILD;
import static org.tipmonitor.avro.StatisticForm.FORCED_LABOUR;
import static org.tipmonitor.avro.StatisticForm.SEXUAL_EXPLOITATION;
import static org.tipmonitor.avro.StatisticIndicator.PERSONS_CONVICTED;
import static org.tipmonitor.avro.StatisticIndicator.PERSONS_PROSECUTED;
import static org.tipmonitor.avro.StatisticIndicator.VICTIMS_DETECTED;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.M49Area;
import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.compliance.ReferenceData;
import org.tipmonitor.testing.Fixtures;

/**
 * Statistics from three States, with a correction, a late arrival, a submission after the cut-off, figures at the
 * cut-off instant, a State total its own parts contradict, parts-only totals and a citizenship breakdown, and the
 * Global Report rows of the 2024 edition (cut-off 2024-06-30T00:00Z, data years up to 2023) computed by hand.
 *
 * <p>The submissions, in the order they arrive:
 * <pre>
 * fra-0 2021-03-01 FRA victims 2020 T/T/T 80
 * fra-1 2024-01-10 FRA victims 2023 T/T/T 100 (own total), F/T/T 60, M/T/T 38 (sex parts: 98), T/T/sexual 55,
 *                      T/T/forced labour 40 (form parts: 95); victims 2022 T/T/T 90; victims 2024 T/T/T 20
 * nga-1 2024-02-01 NGA victims 2023 F/A/sexual 30, F/C/sexual 12, M/A/forced labour 20, M/C/forced labour 3,
 *                      U/U/unknown form 2; prosecuted 2023 M/A 14, F/A 4; convicted 2023 T/T 9
 * nga-2 2024-05-01 NGA victims 2023 F/A/sexual 31 (a correction: the others of nga-1 stand)
 * civ-1 2023-11-01 CIV victims 2023 F/C/forced labour citizenship CIV 7, citizenship NGA 5
 * nga-3 2024-08-01 NGA victims 2023 M/C/forced labour 50 (after the cut-off: not in the 2024 edition)
 * fra-2 2024-06-30T00:00Z FRA convicted 2023 T/T 4 (at the cut-off instant: in)
 * nga-4 2024-03-01 NGA victims 2023 F/A/sexual 99, F/C/sexual 13 (arrives last: older than nga-2, so 99 does not
 *                      stand; newer than nga-1, so 13 does)
 * ngo-1 2024-04-01 an NGO on NGA with statistics: refused (STATISTICS_NOT_FROM_STATE)
 * </pre>
 *
 * <p>By hand, NGA victims 2023 standing: F/A/sexual 31 (nga-2), F/C/sexual 13 (nga-4), M/A/FL 20, M/C/FL 3 and
 * U/U/unknown 2 (nga-1). Total = 31 + 13 + 20 + 3 + 2 = 69 (by sex 44 + 23 + 2, by age 51 + 16 + 2, by form
 * 44 + 23 + 2: every breakdown agrees). Adult = 31 + 20 = 51, Child = 13 + 3 = 16, Female = 44, Male = 23.
 * Sexual exploitation = 44 (adult 31, child 13, all female), forced labour = 23 (adult 20, child 3, all male); the
 * unknown form counts in the totals only. FRA victims 2023: its own total 100 wins over its sex parts (98) and
 * form parts (95); no age parts, so no Adult or Child rows. CIV: 7 + 5 = 12 by citizenship, which is never a row.
 * NGA prosecuted: 14 + 4 = 18. Counts 1-4 are published as {@code <5}. FRA's 2024 figure waits for 2026.
 */
public final class GlotipScenario {

    static final M49Area AFRICA = new M49Area("002", "Africa");
    static final M49Area SUB_SAHARAN = new M49Area("202", "Sub-Saharan Africa");
    static final M49Area EUROPE = new M49Area("150", "Europe");
    static final M49Area WESTERN_EUROPE = new M49Area("155", "Western Europe");
    static final Country FRA = Fixtures.country("FRA", "France", EUROPE, WESTERN_EUROPE, ProtocolStatus.PARTY);
    static final Country NGA = Fixtures.country("NGA", "Nigeria", AFRICA, SUB_SAHARAN, ProtocolStatus.PARTY);
    static final Country CIV = Fixtures.country("CIV", "Côte d'Ivoire", AFRICA, SUB_SAHARAN,
        ProtocolStatus.PARTY);
    static final ReferenceData REFERENCE = ReferenceData.of(List.of(), List.of(FRA, NGA, CIV));

    /** When the scenario is processed: after every submission and the 2024 cut-off. */
    public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

    /** The expected glotip.csv of edition 2024 (disclosure threshold 5), without its header. */
    public static final String EXPECTED_2024 = String.join("\r\n",
        civ("Total,Total,Total,Total,2023,Counts,12"),
        civ("Total,Total,Total,Child,2023,Counts,12"),
        civ("Total,Total,Female,Total,2023,Counts,12"),
        civ("Total,Total,Female,Child,2023,Counts,12"),
        civ("by form of exploitation,Forced labour,Total,Total,2023,Counts,12"),
        civ("by form of exploitation,Forced labour,Total,Child,2023,Counts,12"),
        civ("by form of exploitation,Forced labour,Female,Total,2023,Counts,12"),
        civ("by form of exploitation,Forced labour,Female,Child,2023,Counts,12"),
        fra("Detected trafficking victims,Total,Total,Total,Total,2020,Counts,80", "fra-0"),
        fra("Detected trafficking victims,Total,Total,Total,Total,2022,Counts,90", "fra-1"),
        fra("Detected trafficking victims,Total,Total,Total,Total,2023,Counts,100", "fra-1"),
        fra("Detected trafficking victims,Total,Total,Female,Total,2023,Counts,60", "fra-1"),
        fra("Detected trafficking victims,Total,Total,Male,Total,2023,Counts,38", "fra-1"),
        fra("Detected trafficking victims,by form of exploitation,Sexual exploitation,Total,Total,2023,Counts,55",
            "fra-1"),
        fra("Detected trafficking victims,by form of exploitation,Forced labour,Total,Total,2023,Counts,40",
            "fra-1"),
        fra("Persons convicted,Total,Total,Total,Total,2023,Counts,<5", "fra-2"),
        nga("Detected trafficking victims,Total,Total,Total,Total,2023,Counts,69", "s nga-1, nga-2, nga-4"),
        nga("Detected trafficking victims,Total,Total,Total,Adult,2023,Counts,51", "s nga-1, nga-2"),
        nga("Detected trafficking victims,Total,Total,Total,Child,2023,Counts,16", "s nga-1, nga-4"),
        nga("Detected trafficking victims,Total,Total,Female,Total,2023,Counts,44", "s nga-2, nga-4"),
        nga("Detected trafficking victims,Total,Total,Female,Adult,2023,Counts,31", " nga-2"),
        nga("Detected trafficking victims,Total,Total,Female,Child,2023,Counts,13", " nga-4"),
        nga("Detected trafficking victims,Total,Total,Male,Total,2023,Counts,23", " nga-1"),
        nga("Detected trafficking victims,Total,Total,Male,Adult,2023,Counts,20", " nga-1"),
        nga("Detected trafficking victims,Total,Total,Male,Child,2023,Counts,<5", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Total,Total,2023,Counts,44",
            "s nga-2, nga-4"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Total,Adult,2023,Counts,31",
            " nga-2"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Total,Child,2023,Counts,13",
            " nga-4"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Female,Total,2023,Counts,44",
            "s nga-2, nga-4"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Female,Adult,2023,Counts,31",
            " nga-2"),
        nga("Detected trafficking victims,by form of exploitation,Sexual exploitation,Female,Child,2023,Counts,13",
            " nga-4"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Total,Total,2023,Counts,23", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Total,Adult,2023,Counts,20", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Total,Child,2023,Counts,<5", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Male,Total,2023,Counts,23", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Male,Adult,2023,Counts,20", " nga-1"),
        nga("Detected trafficking victims,by form of exploitation,Forced labour,Male,Child,2023,Counts,<5", " nga-1"),
        nga("Persons prosecuted,Total,Total,Total,Total,2023,Counts,18", " nga-1"),
        nga("Persons prosecuted,Total,Total,Total,Adult,2023,Counts,18", " nga-1"),
        nga("Persons prosecuted,Total,Total,Female,Total,2023,Counts,<5", " nga-1"),
        nga("Persons prosecuted,Total,Total,Female,Adult,2023,Counts,<5", " nga-1"),
        nga("Persons prosecuted,Total,Total,Male,Total,2023,Counts,14", " nga-1"),
        nga("Persons prosecuted,Total,Total,Male,Adult,2023,Counts,14", " nga-1"),
        nga("Persons convicted,Total,Total,Total,Total,2023,Counts,9", " nga-1")) + "\r\n";

    private GlotipScenario() {
    }

    /** The submissions in the order they arrive. */
    public static List<Submission> submissions() {
        return List.of(
            state("fra-0", "FRA", "2021-03-01T09:00:00Z",
                victims(2020, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 80)),
            state("fra-1", "FRA", "2024-01-10T09:00:00Z",
                victims(2023, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 100),
                victims(2023, Sex.FEMALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 60),
                victims(2023, Sex.MALE, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 38),
                victims(2023, Sex.TOTAL, AgeGroup.TOTAL, SEXUAL_EXPLOITATION, null, 55),
                victims(2023, Sex.TOTAL, AgeGroup.TOTAL, FORCED_LABOUR, null, 40),
                victims(2022, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 90),
                victims(2024, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 20)),
            state("nga-1", "NGA", "2024-02-01T09:00:00Z",
                victims(2023, Sex.FEMALE, ADULT, SEXUAL_EXPLOITATION, null, 30),
                victims(2023, Sex.FEMALE, CHILD, SEXUAL_EXPLOITATION, null, 12),
                victims(2023, Sex.MALE, ADULT, FORCED_LABOUR, null, 20),
                victims(2023, Sex.MALE, CHILD, FORCED_LABOUR, null, 3),
                victims(2023, Sex.UNKNOWN, AgeGroup.UNKNOWN, StatisticForm.UNKNOWN, null, 2),
                offenders(PERSONS_PROSECUTED, 2023, Sex.MALE, ADULT, 14),
                offenders(PERSONS_PROSECUTED, 2023, Sex.FEMALE, ADULT, 4),
                offenders(PERSONS_CONVICTED, 2023, Sex.TOTAL, AgeGroup.TOTAL, 9)),
            state("nga-2", "NGA", "2024-05-01T09:00:00Z",
                victims(2023, Sex.FEMALE, ADULT, SEXUAL_EXPLOITATION, null, 31)),
            state("civ-1", "CIV", "2023-11-01T09:00:00Z",
                victims(2023, Sex.FEMALE, CHILD, FORCED_LABOUR, "CIV", 7),
                victims(2023, Sex.FEMALE, CHILD, FORCED_LABOUR, "nga", 5)),
            state("nga-3", "NGA", "2024-08-01T09:00:00Z",
                victims(2023, Sex.MALE, CHILD, FORCED_LABOUR, null, 50)),
            state("fra-2", "FRA", "2024-06-30T00:00:00Z",
                offenders(PERSONS_CONVICTED, 2023, Sex.TOTAL, AgeGroup.TOTAL, 4)),
            state("nga-4", "NGA", "2024-03-01T09:00:00Z",
                victims(2023, Sex.FEMALE, ADULT, SEXUAL_EXPLOITATION, null, 99),
                victims(2023, Sex.FEMALE, CHILD, SEXUAL_EXPLOITATION, null, 13)),
            Submission.newBuilder(state("ngo-1", "NGA", "2024-04-01T09:00:00Z",
                    victims(2023, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, null, 500)))
                .setReporter(new Reporter(ReporterType.CIVIL_SOCIETY, "NGA", "An NGO")).build());
    }

    static Submission state(final String id, final String country, final String submittedAt,
                            final NationalStatistic... statistics) {
        return Submission.newBuilder()
            .setSubmissionId(id)
            .setReporter(new Reporter(ReporterType.STATE, country, null))
            .setSubmittedAt(Instant.parse(submittedAt))
            .setResponses(List.of())
            .setStatistics(Arrays.asList(statistics))
            .build();
    }

    static NationalStatistic victims(final int year, final Sex sex, final AgeGroup age, final StatisticForm form,
                                     final String citizenship, final int count) {
        return statistic(VICTIMS_DETECTED, year, sex, age, form, citizenship, count);
    }

    static NationalStatistic offenders(final StatisticIndicator indicator, final int year, final Sex sex,
                                       final AgeGroup age, final int count) {
        return statistic(indicator, year, sex, age, null, null, count);
    }

    static NationalStatistic statistic(final StatisticIndicator indicator, final int year, final Sex sex,
                                       final AgeGroup age, final StatisticForm form, final String citizenship,
                                       final int count) {
        return NationalStatistic.newBuilder().setIndicator(indicator).setYear(year).setSex(sex).setAge(age)
            .setForm(form).setCitizenship(citizenship).setCount(count).build();
    }

    private static String civ(final String rest) {
        return "CIV,Côte d'Ivoire,Africa,Sub-Saharan Africa,Detected trafficking victims," + rest
            + ",National authorities (tip-monitor submission civ-1)";
    }

    private static String fra(final String rest, final String submission) {
        return "FRA,France,Europe,Western Europe," + rest + ",National authorities (tip-monitor submission "
            + submission + ")";
    }

    /** A Source naming several submissions has commas, so RFC 4180 quotes it. */
    private static String nga(final String rest, final String submissions) {
        final String source = "National authorities (tip-monitor submission" + submissions + ")";
        return "NGA,Nigeria,Africa,Sub-Saharan Africa," + rest + ","
            + (source.contains(",") ? '"' + source + '"' : source);
    }
}
