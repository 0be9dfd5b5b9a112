package org.tipmonitor.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.EntityType;
import org.tipmonitor.avro.ExploitationForm;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.Measure;
import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.ProtocolStatus;
import org.tipmonitor.avro.Recommendation;
import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.ReporterType;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticForm;
import org.tipmonitor.avro.StatisticIndicator;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.avro.Theme;
import org.tipmonitor.compliance.Addressing;
import org.tipmonitor.compliance.Expectations;
import org.tipmonitor.reference.Catalogue;
import org.tipmonitor.reference.Countries;
import org.tipmonitor.statistics.StatisticsValidator;

/**
 * A realistic, deterministic sample of submissions for the demo and for people trying the system: States parties
 * from every region reporting over the Global Report cycles 2014-2026, with civil society, national human rights
 * institutions and UNODC reporting too, and a handful of deliberately bad records that show the dead-letter path.
 *
 * <p>Everything is drawn from one {@link Random} with a fixed seed, in a fixed order over the reference data, so
 * the same seed and reference data always give the same list (the committed
 * {@code demo/sample-submissions.jsonl} is {@link #DEFAULT_SEED}'s output).
 *
 * <p>The data are invented but shaped to be credible: the reporting States are drawn mostly from the 70 States
 * parties that attended the 2013 meeting (para 60), plus some others; never the European Union (a party, not a
 * State party). First answers can be IMPLEMENTED, or ALREADY_IN_PLACE where the measures predate the
 * recommendation; CONSIDERED_NOT_ADOPTED only on paragraphs not worded "should"; NOT_APPLICABLE only on the
 * paragraphs that can truly not arise (recruitment agencies where private ones are banned, dual criminality where
 * every form is an offence). Evidence follows status (none for what was not done). Each submission is written in
 * a UN language of its State (fr, es, ar, ru, zh, en), narratives and challenges included. Statuses drift upward
 * over a State's revisions but sometimes fall back, and civil society sometimes sees a State two or more steps
 * behind where it says it is.
 */
public final class SampleSubmissions {

    /** The seed of the committed sample: the first day of the Working Group's 2013 meeting. */
    public static final long DEFAULT_SEED = 20131106L;

    /** Classpath location of the committed sample. */
    public static final String RESOURCE = "demo/sample-submissions.jsonl";

    /** Where the committed sample lives in the source tree, relative to the repository root. */
    public static final String RESOURCE_PATH_IN_SOURCES = "app/src/main/resources/" + RESOURCE;

    /** The States parties that attended the 2013 meeting (para 60), by ISO 3166-1 alpha-3 code. */
    public static final Set<String> ATTENDED_2013 = Set.of("DZA", "ARM", "ARG", "AUS", "AUT", "BLR", "BEL", "BEN",
        "BOL", "BIH", "BRA", "BFA", "CAN", "CHL", "CHN", "COL", "CRI", "CIV", "HRV", "CUB", "DNK", "DOM", "ECU", "SLV",
        "FIN", "FRA", "DEU", "GHA", "GTM", "IDN", "IRQ", "ITA", "KEN", "KWT", "LBN", "LTU", "LUX", "MLT", "MEX", "MAR",
        "MOZ", "NAM", "NLD", "NIC", "NGA", "NOR", "OMN", "PAN", "PHL", "POL", "PRT", "QAT", "MDA", "ROU", "RUS", "SAU",
        "SVK", "SVN", "ESP", "SWE", "CHE", "SYR", "THA", "TUN", "TUR", "UKR", "ARE", "USA", "VEN", "VNM");

    /** Of the States parties that attended in 2013, the share that report. */
    static final double ATTENDED_SHARE = 0.7;

    /** Of the other States parties, the share that report. */
    static final double OTHERS_SHARE = 0.1;

    /** The paragraphs whose situation can truly not arise in some States, so NOT_APPLICABLE is a fair answer. */
    static final Set<String> MAY_NOT_ARISE = Set.of("2013.22", "2013.42");

    /** The UN language a State's focal point writes in; English for any State not listed. */
    static final Map<String, String> LANGUAGES = languages();

    /** Always in the sample, so that examples in the documentation (curl .../countries/FRA) keep working. */
    public static final String ALWAYS_REPORTING = "FRA";

    /** Also always in the sample, so that every UN language of the sample's States shows (China, para 54). */
    static final String WRITES_CHINESE = "CHN";

    /** The recommendations on which States name forms of exploitation outside the Protocol (paras 38 and 43). */
    static final Set<String> EXPLOITATION_FORM_RECOMMENDATIONS = Set.of("2013.38", "2013.43");

    /** UNODC's own paragraphs (6, 7, 44 to UNODC alone, 37 to States parties and UNODC). */
    static final List<String> UNODC_RECOMMENDATIONS = List.of("2013.6", "2013.7", "2013.37", "2013.44");

    /** Global Report cycles close on 30 June of even years; the sample ends before the clock of 2026-11. */
    private static final int FIRST_CUT_OFF_YEAR = 2014;
    private static final int LAST_CUT_OFF_YEAR = 2026;
    private static final LocalDate SAMPLE_START = LocalDate.of(2014, 1, 1);
    private static final LocalDate SAMPLE_END = LocalDate.of(2026, 10, 31);

    /** The implementation scale, in order; NOT_APPLICABLE stands outside it. */
    private static final List<ImplementationStatus> SCALE = List.of(
        ImplementationStatus.NOT_STARTED, ImplementationStatus.PLANNED, ImplementationStatus.IN_PROGRESS,
        ImplementationStatus.PARTIALLY_IMPLEMENTED, ImplementationStatus.IMPLEMENTED);

    private static final List<ExploitationForm> PARA_58_FORMS = EnumSet.complementOf(
        EnumSet.of(ExploitationForm.OTHER)).stream().toList();

    /** Forms outside the Protocol's own list (art. 3(a): forced labour, servitude, sexual exploitation are in it). */
    private static final List<String> OTHER_FORMS = List.of(
        "Forced participation in online fraud operations in scam compounds",
        "Exploitation of women through commercial surrogacy arrangements",
        "Children recruited to run online gambling accounts");

    private static final Map<String, List<String>> LOCAL_CHALLENGES = Map.of(
        "fr", List.of("Les données sur les victimes sont tenues séparément par la police et les services sociaux.",
            "Le budget des foyers spécialisés couvre moins de places que de victimes identifiées."),
        "es", List.of("Los datos sobre víctimas se registran por separado en la policía y los servicios sociales.",
            "La rotación de fiscales capacitados limita el efecto de la formación."),
        "ar", List.of("تحتفظ الشرطة والخدمات الاجتماعية ببيانات الضحايا بشكل منفصل ولا يمكن مقارنتها.",
            "لا تغطي ميزانية دور الإيواء المتخصصة عدد الضحايا الذين تم التعرف عليهم."),
        "ru", List.of("Данные о жертвах ведутся полицией и социальными службами раздельно и несопоставимы.",
            "Запросы о взаимной правовой помощи рассматриваются в среднем более года."),
        "zh", List.of("警方和社会服务机构分别记录受害人数据，无法相互比较。",
            "专门庇护所的预算不足以覆盖已识别的受害人。"));

    private static final List<String> CHALLENGES = List.of(
        "Data on victims are kept separately by police, labour inspection and social services and cannot be compared.",
        "The budget for specialised shelters covers fewer places than identified victims need.",
        "High turnover of trained prosecutors limits the effect of training.",
        "Coordination between the regions and the national rapporteur is still informal.",
        "Labour inspectors have no mandate to inspect private households.",
        "Mutual legal assistance requests take more than a year on average.",
        "Few cases reach court, so there is little case law on consent and abuse of vulnerability.");

    private SampleSubmissions() {
    }

    private static Map<String, String> languages() {
        final Map<String, String> byState = new TreeMap<>();
        for (final String iso3 : List.of("FRA", "BEL", "LUX", "CHE", "BEN", "BFA", "CIV", "SEN", "MLI", "NER", "TCD",
            "CMR", "GAB", "COG", "COD", "MDG", "HTI", "TGO", "GIN", "BDI", "RWA", "MCO")) {
            byState.put(iso3, "fr");
        }
        for (final String iso3 : List.of("ESP", "MEX", "ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV",
            "GTM", "HND", "NIC", "PAN", "PRY", "PER", "URY", "VEN", "GNQ")) {
            byState.put(iso3, "es");
        }
        for (final String iso3 : List.of("DZA", "MAR", "TUN", "EGY", "LBY", "IRQ", "KWT", "LBN", "OMN", "QAT", "SAU",
            "SYR", "ARE", "BHR", "JOR", "YEM", "SDN", "MRT", "PSE", "DJI")) {
            byState.put(iso3, "ar");
        }
        for (final String iso3 : List.of("RUS", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "ARM", "AZE", "MDA")) {
            byState.put(iso3, "ru");
        }
        byState.put("CHN", "zh");
        return Map.copyOf(byState);
    }

    /** The language a State's submissions are written in. */
    static String languageOf(final String iso3) {
        return LANGUAGES.getOrDefault(iso3, "en");
    }

    /** The kinds of deliberately bad records of {@link #defective}; each shows one path of the validation. */
    public enum Defect {
        /** A response to a recommendation id the catalogue does not have. */
        UNKNOWN_RECOMMENDATION,
        /** A State answering a paragraph addressed to UNODC alone. */
        NOT_ADDRESSED_TO_REPORTER,
        /** A reporter country code that is no ISO 3166-1 alpha-3 code in the reference data. */
        UNKNOWN_COUNTRY,
        /** An id already used by a sample submission, with other content: refused as a conflict. */
        DUPLICATE_ID_CONFLICT,
        /** A sample submission sent again verbatim: harmless, the second delivery is a no-op. */
        EXACT_DUPLICATE
    }

    /** A deliberately bad submission and what is wrong with it. */
    public record DefectiveSubmission(Defect defect, Submission submission) {

        public DefectiveSubmission {
            Objects.requireNonNull(defect, "defect");
            Objects.requireNonNull(submission, "submission");
        }
    }

    /** Generates the sample of {@link #DEFAULT_SEED} from the shipped reference data. */
    public static List<Submission> generate() {
        return generate(DEFAULT_SEED, Catalogue.load(), Countries.load());
    }

    /**
     * Generates a valid sample: every submission passes validation against {@code catalogue} and
     * {@code countries}. Ordered by {@code submittedAt}, then id.
     */
    public static List<Submission> generate(final long seed, final Catalogue catalogue, final Countries countries) {
        return new Generator(new Random(seed), catalogue, countries).generate();
    }

    /**
     * Deliberately bad submissions, one or more of each {@link Defect}, made from the valid {@code sample} (the
     * duplicates reuse its ids, so they must be sent after it).
     */
    public static List<DefectiveSubmission> defective(final List<Submission> sample) {
        final Submission state = sample.stream()
            .filter(s -> s.getReporter().getType() == ReporterType.STATE)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the sample has no State submission"));
        final Response template = state.getResponses().get(0);
        final String country = state.getReporter().getCountry();
        final Instant at = state.getSubmittedAt().plusSeconds(3600);
        final List<DefectiveSubmission> defects = new ArrayList<>();
        defects.add(new DefectiveSubmission(Defect.UNKNOWN_RECOMMENDATION, Submission.newBuilder(state)
            .setSubmissionId(country + "-DEFECT-unknown-recommendation")
            .setSubmittedAt(at)
            .setResponses(List.of(Response.newBuilder(template).setRecommendationId("2013.99").build()))
            .build()));
        defects.add(new DefectiveSubmission(Defect.NOT_ADDRESSED_TO_REPORTER, Submission.newBuilder(state)
            .setSubmissionId(country + "-DEFECT-unodc-paragraph")
            .setSubmittedAt(at)
            .setResponses(List.of(Response.newBuilder(template).setRecommendationId("2013.44").build()))
            .build()));
        defects.add(new DefectiveSubmission(Defect.UNKNOWN_COUNTRY, Submission.newBuilder(state)
            .setSubmissionId("XXA-DEFECT-unknown-country")
            .setReporter(Reporter.newBuilder(state.getReporter()).setCountry("XXA").build())
            .setSubmittedAt(at)
            .build()));
        defects.add(new DefectiveSubmission(Defect.DUPLICATE_ID_CONFLICT, Submission.newBuilder(state)
            .setSubmittedAt(at)
            .setResponses(List.of(Response.newBuilder(template)
                .setStatus(template.getStatus() == ImplementationStatus.IMPLEMENTED
                    ? ImplementationStatus.NOT_STARTED : ImplementationStatus.IMPLEMENTED)
                .build()))
            .build()));
        defects.add(new DefectiveSubmission(Defect.EXACT_DUPLICATE, Submission.newBuilder(state).build()));
        return List.copyOf(defects);
    }

    /**
     * Record values that are not Confluent-framed Avro at all: what a misconfigured producer sends. Each array is
     * a fresh copy.
     */
    public static List<byte[]> poisonPills() {
        return List.of(
            "{\"submissionId\": \"JSON-instead-of-Avro\"}".getBytes(StandardCharsets.UTF_8),
            "plain text, no schema".getBytes(StandardCharsets.UTF_8),
            // The magic byte, then a schema id no registry has issued.
            new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6});
    }

    /** Writes the valid sample as JSON lines, with a header saying how to regenerate it. */
    public static void writeJsonLines(final List<Submission> sample, final long seed, final Path file) {
        SubmissionFiles.write(sample, "tip-monitor sample submissions: invented data, " + sample.size()
            + " submissions, seed " + seed + ".\n"
            + "Regenerate with: java -cp app/target/tip-monitor.jar "
            + SampleSubmissions.class.getName() + " " + RESOURCE_PATH_IN_SOURCES, file);
    }

    /**
     * Regenerates the committed sample: {@code SampleSubmissions [FILE [SEED]]}.
     *
     * @param args the output file (default {@link #RESOURCE_PATH_IN_SOURCES}) and the seed
     */
    public static void main(final String[] args) {
        final Path file = Path.of(args.length > 0 ? args[0] : RESOURCE_PATH_IN_SOURCES);
        final long seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        final List<Submission> sample = generate(seed, Catalogue.load(), Countries.load());
        writeJsonLines(sample, seed, file);
        System.out.println("wrote " + sample.size() + " submissions to " + file);
    }

    /** Whether national statistics may come from this reporter (not the European Union). */
    static boolean isState(final Country country) {
        return country.getEntityType() == EntityType.UN_MEMBER_STATE
            || country.getEntityType() == EntityType.OBSERVER_STATE;
    }

    /**
     * Invented national statistics for the Global Report (para 44): about one State revision in three carries the
     * figures of the year before it was submitted. They are drawn from a random source of their own, seeded by the
     * submission id, so that adding them left every other part of the sample as it was.
     */
    static final class NationalFigures {

        private NationalFigures() {
        }

        static List<NationalStatistic> of(final String submissionId, final int year) {
            final Random random = new Random(submissionId.hashCode() * 31L + year);
            if (year < StatisticsValidator.FIRST_YEAR || random.nextInt(3) != 0) {
                return List.of();
            }
            final List<NationalStatistic> figures = new ArrayList<>();
            // Victims: the State's own total, by sex and age, and by form (two separate breakdowns, each adding up).
            final int femaleAdults = 5 + random.nextInt(150);
            final int femaleChildren = random.nextInt(60);
            final int maleAdults = 3 + random.nextInt(90);
            final int maleChildren = random.nextInt(30);
            final int victims = femaleAdults + femaleChildren + maleAdults + maleChildren;
            figures.add(victims(year, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.TOTAL, victims));
            figures.add(victims(year, Sex.FEMALE, AgeGroup.ADULT, StatisticForm.TOTAL, femaleAdults));
            figures.add(victims(year, Sex.FEMALE, AgeGroup.CHILD, StatisticForm.TOTAL, femaleChildren));
            figures.add(victims(year, Sex.MALE, AgeGroup.ADULT, StatisticForm.TOTAL, maleAdults));
            figures.add(victims(year, Sex.MALE, AgeGroup.CHILD, StatisticForm.TOTAL, maleChildren));
            final int sexual = victims * (30 + random.nextInt(40)) / 100;
            final int labour = (victims - sexual) * (50 + random.nextInt(40)) / 100;
            figures.add(victims(year, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.SEXUAL_EXPLOITATION, sexual));
            figures.add(victims(year, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.FORCED_LABOUR, labour));
            figures.add(victims(year, Sex.TOTAL, AgeGroup.TOTAL, StatisticForm.FORCED_BEGGING,
                victims - sexual - labour));
            // Offenders: prosecuted by sex (parts only: the total is computed), convicted as a total.
            final int prosecutedMen = 2 + random.nextInt(40);
            final int prosecutedWomen = random.nextInt(12);
            figures.add(offenders(StatisticIndicator.PERSONS_PROSECUTED, year, Sex.MALE, prosecutedMen));
            figures.add(offenders(StatisticIndicator.PERSONS_PROSECUTED, year, Sex.FEMALE, prosecutedWomen));
            figures.add(offenders(StatisticIndicator.PERSONS_CONVICTED, year, Sex.TOTAL,
                random.nextInt(1 + (prosecutedMen + prosecutedWomen) / 2)));
            return figures;
        }

        private static NationalStatistic victims(final int year, final Sex sex, final AgeGroup age,
                                                 final StatisticForm form, final int count) {
            return NationalStatistic.newBuilder().setIndicator(StatisticIndicator.VICTIMS_DETECTED).setYear(year)
                .setSex(sex).setAge(age).setForm(form).setCount(count).build();
        }

        private static NationalStatistic offenders(final StatisticIndicator indicator, final int year, final Sex sex,
                                                   final int count) {
            return NationalStatistic.newBuilder().setIndicator(indicator).setYear(year).setSex(sex)
                .setAge(AgeGroup.TOTAL).setCount(count).build();
        }
    }

    /** One generation run; holds the random source so that the order of draws is the order of the code. */
    private static final class Generator {

        private final Random random;
        private final Catalogue catalogue;
        private final Countries countries;
        private final List<Recommendation> stateRecommendations;
        private final List<Submission> out = new ArrayList<>();

        Generator(final Random random, final Catalogue catalogue, final Countries countries) {
            this.random = random;
            this.catalogue = catalogue;
            this.countries = countries;
            this.stateRecommendations = catalogue.recommendations().stream()
                .filter(Addressing::isStateAddressed)
                .toList();
        }

        List<Submission> generate() {
            final List<Country> reporting = pickReportingStates();
            for (final Country country : reporting) {
                final List<Submission> revisions = stateRevisions(country);
                out.addAll(revisions);
                // About one reporting State in six has a civil society view, one in ten an NHRI view too.
                if (random.nextInt(6) == 0) {
                    out.add(independentView(country, revisions.get(revisions.size() - 1), ReporterType.CIVIL_SOCIETY));
                }
                if (random.nextInt(10) == 0) {
                    out.add(independentView(country, revisions.get(revisions.size() - 1), ReporterType.NHRI));
                }
            }
            out.addAll(unodcReports());
            out.sort(Comparator.comparing(Submission::getSubmittedAt).thenComparing(Submission::getSubmissionId));
            return List.copyOf(out);
        }

        /**
         * About {@link #ATTENDED_SHARE} of the States parties that attended the 2013 meeting and
         * {@link #OTHERS_SHARE} of the other States parties (the European Union is a party, not a State party), each
         * region's parties in code order, and France and China.
         */
        private List<Country> pickReportingStates() {
            final Map<String, List<Country>> partiesByRegion = new TreeMap<>();
            for (final Country country : countries.countries()) {
                if (Expectations.isState(country) && country.getProtocolStatus() == ProtocolStatus.PARTY
                    && country.getProtocolPartySince().isBefore(SAMPLE_END)) {
                    final String region = country.getRegion() == null ? "none" : country.getRegion().getCode();
                    partiesByRegion.computeIfAbsent(region, r -> new ArrayList<>()).add(country);
                }
            }
            final List<Country> picked = new ArrayList<>();
            for (final List<Country> parties : partiesByRegion.values()) {
                for (final Country country : parties) {
                    final double share = ATTENDED_2013.contains(country.getIso3()) ? ATTENDED_SHARE : OTHERS_SHARE;
                    if (random.nextDouble() < share) {
                        picked.add(country);
                    }
                }
            }
            for (final String always : List.of(ALWAYS_REPORTING, WRITES_CHINESE)) {
                if (picked.stream().noneMatch(c -> c.getIso3().equals(always))) {
                    countries.find(always).filter(c -> c.getProtocolStatus() == ProtocolStatus.PARTY)
                        .ifPresent(picked::add);
                }
            }
            picked.sort(Comparator.comparing(Country::getIso3));
            return picked;
        }

        /** One to three revisions in distinct cycles, each covering more of the recommendations. */
        private List<Submission> stateRevisions(final Country country) {
            final LocalDate earliest = later(SAMPLE_START, country.getProtocolPartySince());
            final List<Integer> cycles = new ArrayList<>();
            for (int year = FIRST_CUT_OFF_YEAR; year <= LAST_CUT_OFF_YEAR + 2; year += 2) {
                if (!cycleEnd(year).isBefore(earliest) && !cycleStart(year).isAfter(SAMPLE_END)) {
                    cycles.add(year);
                }
            }
            Collections.shuffle(cycles, random);
            final int revisionCount = Math.min(cycles.size(), 1 + random.nextInt(3));
            final List<Integer> chosen = new ArrayList<>(cycles.subList(0, revisionCount));
            Collections.sort(chosen);

            final List<Recommendation> pool = new ArrayList<>(stateRecommendations);
            Collections.shuffle(pool, random);
            int covered = Math.min(pool.size(), 6 + random.nextInt(12));
            final Map<String, ImplementationStatus> current = new LinkedHashMap<>();
            final List<Submission> revisions = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                final int cycle = chosen.get(i);
                final LocalDate day = randomDay(later(cycleStart(cycle), earliest), earlier(cycleEnd(cycle), SAMPLE_END));
                final List<Response> responses = new ArrayList<>();
                final String language = languageOf(country.getIso3());
                for (final Recommendation recommendation : pool.subList(0, covered)) {
                    final ImplementationStatus status = nextStatus(recommendation, current.get(recommendation.getId()),
                        i == 0 ? 0 : chosen.get(i) - chosen.get(i - 1));
                    current.put(recommendation.getId(), status);
                    responses.add(response(recommendation, status, day.getYear(), ReporterType.STATE, language));
                }
                final String id = country.getIso3() + "-" + day.getYear() + "-r" + (i + 1);
                revisions.add(Submission.newBuilder()
                    .setSubmissionId(id)
                    .setReporter(new Reporter(ReporterType.STATE, country.getIso3(), focalPoint(country)))
                    .setSubmittedAt(at(day))
                    .setLanguage(language)
                    .setResponses(responses)
                    .setStatistics(isState(country) ? NationalFigures.of(id, day.getYear() - 1) : List.of())
                    .build());
                covered = Math.min(pool.size(), covered + random.nextInt(6));
            }
            return revisions;
        }

        /**
         * The next status of a cell. A first answer: anywhere on the scale, IMPLEMENTED included; ALREADY_IN_PLACE
         * now and then (the measures predate 2013); CONSIDERED_NOT_ADOPTED sometimes, only where the paragraph does
         * not say "should"; NOT_APPLICABLE only on {@link #MAY_NOT_ARISE}. Later answers mostly one or two steps up
         * (more the longer the gap), sometimes the same, sometimes back down (a law repealed, a plan lapsed); a
         * decision not to adopt is sometimes revisited.
         */
        private ImplementationStatus nextStatus(final Recommendation recommendation,
                                                final ImplementationStatus previous, final int yearsSince) {
            final boolean should = recommendation.getForce() == Force.SHOULD;
            if (previous == null) {
                final int roll = random.nextInt(100);
                if (MAY_NOT_ARISE.contains(recommendation.getId()) && roll < 15) {
                    return ImplementationStatus.NOT_APPLICABLE;
                }
                if (roll >= 15 && roll < 23) {
                    return ImplementationStatus.ALREADY_IN_PLACE;
                }
                if (!should && roll >= 23 && roll < 31) {
                    return ImplementationStatus.CONSIDERED_NOT_ADOPTED;
                }
                return SCALE.get(random.nextInt(SCALE.size()) <= 1 ? random.nextInt(2) : 1 + random.nextInt(4));
            }
            switch (previous) {
                case NOT_APPLICABLE:
                    return random.nextInt(4) == 0 ? ImplementationStatus.PLANNED : ImplementationStatus.NOT_APPLICABLE;
                case ALREADY_IN_PLACE:
                    return random.nextInt(8) == 0 ? ImplementationStatus.PARTIALLY_IMPLEMENTED
                        : ImplementationStatus.ALREADY_IN_PLACE;
                case CONSIDERED_NOT_ADOPTED:
                    return random.nextInt(4) == 0 ? ImplementationStatus.PLANNED
                        : ImplementationStatus.CONSIDERED_NOT_ADOPTED;
                default:
                    break;
            }
            final int level = SCALE.indexOf(previous);
            final int roll = random.nextInt(100);
            final int step;
            if (roll < 12) {
                step = -1 - random.nextInt(2);
            } else if (roll < 30) {
                step = 0;
            } else {
                step = 1 + random.nextInt(1 + Math.min(2, yearsSince / 2));
            }
            return SCALE.get(Math.max(0, Math.min(SCALE.size() - 1, level + step)));
        }

        private Response response(final Recommendation recommendation, final ImplementationStatus status,
                                  final int year, final ReporterType reporter, final String language) {
            final List<Measure> measures = measures(recommendation, status);
            final Response.Builder response = Response.newBuilder()
                .setRecommendationId(recommendation.getId())
                .setStatus(status)
                .setMeasures(measures)
                .setNarrative("en".equals(language) ? narrative(status, measures, year, reporter)
                    : LocalNarratives.of(language, status, reporter, year));
            if (SCALE.indexOf(status) >= 0 && status != ImplementationStatus.IMPLEMENTED && random.nextInt(4) == 0) {
                response.setChallenges(pick(LOCAL_CHALLENGES.getOrDefault(language, CHALLENGES)));
                response.setTechnicalAssistanceNeeded(random.nextInt(2) == 0);
            }
            if (EXPLOITATION_FORM_RECOMMENDATIONS.contains(recommendation.getId()) && SCALE.indexOf(status) > 0) {
                response.setExploitationForms(exploitationForms());
            }
            // Evidence of what was done: always for implemented measures, often for work under way, never for
            // what was not done, not adopted or cannot arise.
            final boolean done = status == ImplementationStatus.IMPLEMENTED
                || status == ImplementationStatus.ALREADY_IN_PLACE;
            if (!measures.isEmpty() && (done || random.nextInt(3) > 0)) {
                response.setEvidence(evidence(measures.get(0), status == ImplementationStatus.ALREADY_IN_PLACE
                    ? 2005 + random.nextInt(8) : year));
            }
            return response.build();
        }

        private List<Measure> measures(final Recommendation recommendation, final ImplementationStatus status) {
            if (status == ImplementationStatus.NOT_STARTED || status == ImplementationStatus.NOT_APPLICABLE
                || status == ImplementationStatus.CONSIDERED_NOT_ADOPTED) {
                return List.of();
            }
            final EnumSet<Measure> measures = EnumSet.noneOf(Measure.class);
            for (final Theme theme : recommendation.getThemes()) {
                final Measure likely = measureFor(theme);
                if (likely != null && random.nextInt(3) > 0) {
                    measures.add(likely);
                }
            }
            if (status == ImplementationStatus.PLANNED || measures.isEmpty()) {
                measures.add(Measure.POLICY_OR_ACTION_PLAN);
            }
            return List.copyOf(measures);
        }

        private static Measure measureFor(final Theme theme) {
            switch (theme) {
                case LEGISLATION:
                case CONSENT:
                case JURISDICTION:
                case CONFISCATION_OF_PROCEEDS:
                    return Measure.LEGISLATION;
                case ADMINISTRATIVE_MEASURES:
                case RECRUITMENT_AGENCIES:
                case LABOUR_STANDARDS:
                case SUPPLY_CHAINS:
                    return Measure.REGULATION;
                case TRAINING:
                case CRIMINAL_JUSTICE:
                    return Measure.TRAINING;
                case AWARENESS_RAISING:
                case DEMAND_REDUCTION:
                    return Measure.AWARENESS_CAMPAIGN;
                case PUBLIC_PRIVATE_PARTNERSHIP:
                case CIVIL_SOCIETY:
                    return Measure.PARTNERSHIP;
                case INTERNATIONAL_COOPERATION:
                    return Measure.INTERNATIONAL_COOPERATION;
                case RESEARCH_AND_DATA:
                case ROOT_CAUSES:
                    return Measure.DATA_COLLECTION;
                case VICTIM_PROTECTION:
                case NON_PUNISHMENT:
                case CHILD_PROTECTION:
                    return Measure.VICTIM_ASSISTANCE;
                case CORRUPTION:
                case FOLLOW_UP:
                    return Measure.INSTITUTIONAL;
                default:
                    return null;
            }
        }

        private String narrative(final ImplementationStatus status, final List<Measure> measures, final int year,
                                 final ReporterType reporter) {
            if (reporter != ReporterType.STATE) {
                switch (status) {
                    case NOT_STARTED:
                        return "We have seen no measure on this recommendation; announced plans have not been funded.";
                    case PLANNED:
                        return "A plan exists on paper, but no budget line or responsible body has been set.";
                    default:
                        return "Measures exist but reach few victims in practice; monitoring by our staff in "
                            + year + " found large gaps between the capital and the provinces.";
                }
            }
            switch (status) {
                case NOT_APPLICABLE:
                    return "The situation this recommendation addresses does not arise under the national legal system.";
                case CONSIDERED_NOT_ADOPTED:
                    return "Considered by the interministerial committee in " + year + "; not adopted, as existing"
                        + " measures are judged to meet the aim.";
                case ALREADY_IN_PLACE:
                    return "The measures asked for were in force before 2013 and remain so; see the evidence cited.";
                case NOT_STARTED:
                    return "No measures yet; the matter is before the interministerial committee.";
                case PLANNED:
                    return "Included in the national action plan " + year + "-" + (year + 3) + "; funding is requested.";
                default:
                    final StringBuilder text = new StringBuilder();
                    for (final Measure measure : measures) {
                        text.append(sentence(measure, year)).append(' ');
                    }
                    if (status == ImplementationStatus.IMPLEMENTED) {
                        text.append("The measures are in force nationwide and reviewed yearly.");
                    } else if (status == ImplementationStatus.PARTIALLY_IMPLEMENTED) {
                        text.append("Implementation covers some regions; the rest is scheduled.");
                    } else {
                        text.append("Work is ongoing.");
                    }
                    return text.toString();
            }
        }

        private String sentence(final Measure measure, final int year) {
            switch (measure) {
                case LEGISLATION:
                    return "Amendments to the criminal code were " + (random.nextBoolean() ? "adopted" : "tabled")
                        + " in " + year + ".";
                case REGULATION:
                    return "A decree of " + year + " regulates and licenses private recruitment agencies.";
                case TRAINING:
                    return (50 + random.nextInt(400)) + " police officers, prosecutors and labour inspectors were trained"
                        + " in " + year + ".";
                case AWARENESS_CAMPAIGN:
                    return "A national awareness campaign ran on television and social media in " + year + ".";
                case PARTNERSHIP:
                    return "A memorandum of understanding was signed with employers' organisations and NGOs.";
                case INTERNATIONAL_COOPERATION:
                    return "Joint investigation teams were set up with two neighbouring States.";
                case DATA_COLLECTION:
                    return "A national data system on victims and cases was launched in " + year + ".";
                case VICTIM_ASSISTANCE:
                    return "Specialised shelters and a hotline assist identified victims.";
                case INSTITUTIONAL:
                    return "A national rapporteur coordinates the work of the ministries.";
                default:
                    return "The national action plan covers this recommendation.";
            }
        }

        private List<ExploitationReport> exploitationForms() {
            final List<ExploitationForm> forms = new ArrayList<>(PARA_58_FORMS);
            Collections.shuffle(forms, random);
            final List<ExploitationReport> reports = new ArrayList<>();
            for (final ExploitationForm form : forms.subList(0, 1 + random.nextInt(3))) {
                reports.add(ExploitationReport.newBuilder().setForm(form).build());
            }
            if (random.nextInt(4) == 0) {
                reports.add(ExploitationReport.newBuilder().setForm(ExploitationForm.OTHER)
                    .setDescription(pick(OTHER_FORMS)).build());
            }
            return reports;
        }

        private List<String> evidence(final Measure measure, final int year) {
            switch (measure) {
                case LEGISLATION:
                    return List.of("Act No. " + (1 + random.nextInt(120)) + " of " + year + ", Official Gazette");
                case REGULATION:
                    return List.of("Decree No. " + year + "-" + (100 + random.nextInt(800)));
                case POLICY_OR_ACTION_PLAN:
                    return List.of("National Action Plan against Trafficking in Persons " + year + "-" + (year + 3));
                default:
                    return List.of("Annual report of the national rapporteur " + year,
                        "https://example.org/tip-monitor/evidence/" + year + "/" + (1000 + random.nextInt(9000)));
            }
        }

        /**
         * An independent report on some cells of a State's latest revision; on some of them it sees the State two
         * or three steps lower than the State does.
         */
        private Submission independentView(final Country country, final Submission stateView,
                                           final ReporterType type) {
            final LocalDate stateDay = stateView.getSubmittedAt().atZone(ZoneOffset.UTC).toLocalDate();
            final LocalDate day = randomDay(earlier(stateDay.plusDays(30), SAMPLE_END),
                earlier(stateDay.plusDays(200), SAMPLE_END));
            final List<Response> responses = new ArrayList<>();
            final String language = stateView.getLanguage();
            for (final Response stateResponse : stateView.getResponses()) {
                final int stateLevel = stateResponse.getStatus() == ImplementationStatus.ALREADY_IN_PLACE
                    ? SCALE.size() - 1 : SCALE.indexOf(stateResponse.getStatus());
                if (random.nextInt(2) == 0 || stateLevel < 0) {
                    continue; // Not applicable, or not adopted: nothing for others to rate.
                }
                final boolean disagree = stateLevel >= 2 && random.nextInt(3) > 0;
                final int level = disagree ? stateLevel - 2 - random.nextInt(stateLevel - 1) : stateLevel;
                final Recommendation recommendation = catalogue.find(stateResponse.getRecommendationId()).orElseThrow();
                responses.add(response(recommendation, SCALE.get(level), day.getYear(), type, language));
            }
            if (responses.isEmpty()) {
                final Response first = stateView.getResponses().get(0);
                responses.add(response(catalogue.find(first.getRecommendationId()).orElseThrow(),
                    ImplementationStatus.NOT_STARTED, day.getYear(), type, language));
            }
            final String kind = type == ReporterType.NHRI ? "NHRI" : "CSO";
            final String organisation = type == ReporterType.NHRI
                ? "National Human Rights Commission of " + country.getNameEn()
                : "Coalition against Trafficking in Persons (" + country.getNameEn() + ")";
            return Submission.newBuilder()
                .setSubmissionId(country.getIso3() + "-" + kind + "-" + day.getYear())
                .setReporter(new Reporter(type, country.getIso3(), organisation))
                .setSubmittedAt(at(day))
                .setLanguage(language)
                .setResponses(responses)
                .build();
        }

        /** Two reports by UNODC on its own paragraphs, one per Global Report edition. */
        private List<Submission> unodcReports() {
            final List<Submission> reports = new ArrayList<>();
            final Map<String, ImplementationStatus> current = new LinkedHashMap<>();
            final int[] years = {2018, 2024};
            for (final int year : years) {
                final LocalDate day = randomDay(LocalDate.of(year, 3, 1), LocalDate.of(year, 6, 15));
                final List<Response> responses = new ArrayList<>();
                for (final String id : UNODC_RECOMMENDATIONS) {
                    final Recommendation recommendation = catalogue.find(id).orElse(null);
                    if (recommendation == null) {
                        continue;
                    }
                    final ImplementationStatus previous = current.get(id);
                    final ImplementationStatus status = previous == null
                        ? SCALE.get(1 + random.nextInt(3))
                        : SCALE.get(Math.min(SCALE.size() - 1, SCALE.indexOf(previous) + random.nextInt(2)));
                    current.put(id, status);
                    responses.add(Response.newBuilder()
                        .setRecommendationId(id)
                        .setStatus(status)
                        .setMeasures(List.of(Measure.DATA_COLLECTION, Measure.INTERNATIONAL_COOPERATION))
                        .setNarrative("Reported in the Global Report on Trafficking in Persons " + year
                            + " and in technical assistance to Member States.")
                        .setEvidence(List.of("Global Report on Trafficking in Persons " + year))
                        .build());
                }
                reports.add(Submission.newBuilder()
                    .setSubmissionId("UNODC-" + year)
                    .setReporter(new Reporter(ReporterType.UNODC, Addressing.UNODC_COUNTRY,
                        "UNODC Human Trafficking and Migrant Smuggling Section"))
                    .setSubmittedAt(at(day))
                    .setLanguage("en")
                    .setResponses(responses)
                    .build());
            }
            return reports;
        }

        private static String focalPoint(final Country country) {
            return "National focal point, " + country.getNameEn();
        }

        private <T> T pick(final List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        private LocalDate randomDay(final LocalDate from, final LocalDate to) {
            if (!to.isAfter(from)) {
                return from;
            }
            return from.plusDays(random.nextInt((int) (to.toEpochDay() - from.toEpochDay()) + 1));
        }

        /** Office hours, on the minute: submissions come from people. */
        private Instant at(final LocalDate day) {
            return day.atTime(8 + random.nextInt(9), random.nextInt(60)).toInstant(ZoneOffset.UTC);
        }

        private static LocalDate cycleStart(final int cutOffYear) {
            return cutOffYear == FIRST_CUT_OFF_YEAR ? SAMPLE_START : cycleEnd(cutOffYear - 2).plusDays(1);
        }

        private static LocalDate cycleEnd(final int cutOffYear) {
            return LocalDate.of(cutOffYear, 6, 30);
        }

        private static LocalDate later(final LocalDate a, final LocalDate b) {
            return a.isAfter(b) ? a : b;
        }

        private static LocalDate earlier(final LocalDate a, final LocalDate b) {
            return a.isBefore(b) ? a : b;
        }
    }

    /** For messages: how many submissions per reporter kind, e.g. {@code {state=160, civil_society=12, ...}}. */
    public static String describe(final List<Submission> sample) {
        final Map<ReporterType, Integer> counts = new TreeMap<>();
        for (final Submission submission : sample) {
            counts.merge(submission.getReporter().getType(), 1, Integer::sum);
        }
        return counts.toString().toLowerCase(Locale.ROOT);
    }
}
