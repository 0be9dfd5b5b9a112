package org.tipmonitor.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tipmonitor.avro.ExploitationReport;
import org.tipmonitor.avro.Response;
import org.tipmonitor.avro.Submission;

/**
 * Finds personal data in the free text of a submission, which must never reach a Kafka log (a log cannot be
 * unwritten; para 31 asks for the confidentiality of victims' proceedings). A heuristic with stated limits, see
 * docs/security.md: it finds e-mail addresses, telephone numbers (international {@code +} form, or national form
 * starting with 0 or an area code in brackets), identity-document-like numbers (passport or ID numbers: a letter
 * prefix with at least five digits, a run of nine or more digits, a machine-readable passport line, or any number
 * after "passport"/"ID number"), and dates of birth (a date after "born", "DOB", "date of birth", "né(e)",
 * "nacido/a", or right after a capitalised first and last name). It does not find names alone, addresses, or data
 * written to evade it; it is a safety net for honest mistakes, not a guarantee.
 */
public final class PersonalDataScreen {

    /** What was found, and where: the field path and the character range, never the text itself. */
    public record Finding(String field, String kind, int start, int end) {

        /** E.g. {@code responses[0].narrative: personal data (EMAIL) at characters 12-31}. */
        public String describe() {
            return field + ": personal data (" + kind + ") at characters " + start + "-" + end
                + "; remove it, the text is not stored";
        }
    }

    private static final String DATE = "(?:\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}"
        + "|\\d{1,2}\\s{1,3}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil|août"
        + "|sept|déc|ene|abr|ago|dic)[\\p{L}.]{0,10}\\s{1,3}(?:19|20)\\d{2})";
    // Every repetition is bounded: free text may be a megabyte from a direct producer, and an unbounded
    // quantifier that can fail at each of a million start positions (or two adjacent \s*) scans for hours and
    // stalls the task that screens it.
    private static final List<Rule> RULES = List.of(
        new Rule("EMAIL", Pattern.compile(
            "[\\p{L}0-9._%+-]{1,64}@[\\p{L}0-9-]{1,63}(?:\\.[\\p{L}0-9-]{1,63}){0,8}\\.\\p{L}{2,24}"),
            PersonalDataScreen::hasAt),
        new Rule("PHONE", Pattern.compile(
            "(?<![\\w+])(?:\\+|00)\\d[\\d\\s().-]{6,20}\\d(?!\\w)"
                + "|(?<![\\w.,/-])0\\d(?:[\\s.-]?\\d){7,11}(?![\\w/-])"
                + "|(?<!\\w)\\(\\d{2,4}\\)\\s?\\d{3,4}[\\s.-]?\\d{3,4}(?!\\w)"
                + "|(?i:tel|tél|phone|telephone|téléphone|teléfono|mobile|cell)\\s{0,3}[.:#]?\\s{0,3}\\d[\\d\\s().-]{5,20}\\d"),
            PersonalDataScreen::hasDigit),
        new Rule("ID_NUMBER", Pattern.compile(
            "(?<![\\w/.-])\\p{Lu}{1,3}\\d{5,10}(?![\\w/-])"
                + "|(?<![\\w.,/-])\\d{9,}(?![\\w/-])"
                + "|P<\\p{Lu}{3}[\\p{Lu}<]{5,44}"
                + "|(?i:passport|passeport|pasaporte|id\\s{0,3}(?:card|no|number|num)|identity\\s{0,3}(?:card|number)"
                + "|carte\\s{0,3}d'identité|national\\s{0,3}id)\\s{0,3}(?:no\\.?|number|n°|nº|#)?\\s{0,3}[:#]?\\s{0,3}"
                + "[\\p{L}0-9]{0,20}\\d[\\p{L}0-9-]{4,20}"),
            PersonalDataScreen::hasDigitOrPassportLine),
        new Rule("DATE_OF_BIRTH", Pattern.compile(
            "(?i:\\bborn\\b|\\bd\\.?o\\.?b\\b|date\\s{1,3}of\\s{1,3}birth|\\bnée?\\b|\\bnacid[oa]\\b"
                + "|fecha\\s{1,3}de\\s{1,3}nacimiento)"
                + "[^\\d\\n]{0,20}" + "(?i:" + DATE + ")"
                + "|\\b\\p{Lu}\\p{Ll}{1,40}\\s{1,3}\\p{Lu}\\p{Ll}{1,40}\\s{0,3}[,(]\\s{0,3}(?:\\p{Ll}{1,40}\\s{1,3})?(?i:" + DATE + ")"),
            PersonalDataScreen::hasDigit));

    /**
     * A pattern and what a text must contain for it to match at all. Every rule needs an {@code @} or a digit,
     * except the machine-readable passport line ({@code P<}); asking that first skips the regex engine for most
     * free text, which was a fifth of the time spent validating a submission.
     */
    private record Rule(String kind, Pattern pattern, Predicate<CharSequence> mayMatch) {

        boolean mayMatch(final CharSequence text) {
            return mayMatch.test(text);
        }
    }

    private static boolean hasAt(final CharSequence text) {
        return indexOf(text, '@') >= 0;
    }

    private static boolean hasDigit(final CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true; // \d without UNICODE_CHARACTER_CLASS is [0-9]
            }
        }
        return false;
    }

    private static boolean hasDigitOrPassportLine(final CharSequence text) {
        if (hasDigit(text)) {
            return true;
        }
        for (int i = indexOf(text, 'P'); i >= 0 && i + 1 < text.length(); i = indexOf(text, 'P', i + 1)) {
            if (text.charAt(i + 1) == '<') {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(final CharSequence text, final char wanted) {
        return indexOf(text, wanted, 0);
    }

    private static int indexOf(final CharSequence text, final char wanted, final int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    private PersonalDataScreen() {
    }

    /** The first personal data in a text, if any. */
    public static Optional<Finding> find(final String field, final CharSequence text) {
        if (text == null || text.length() == 0) {
            return Optional.empty();
        }
        Finding first = null;
        for (final Rule rule : RULES) {
            if (!rule.mayMatch(text)) {
                continue;
            }
            final Matcher matcher = rule.pattern().matcher(text);
            if (matcher.find() && (first == null || matcher.start() < first.start())) {
                first = new Finding(field, rule.kind(), matcher.start(), matcher.end());
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * Personal data in one response's free text (narrative, challenges, form descriptions, evidence, the title of
     * a legislative instrument), per field.
     */
    public static List<Finding> find(final String prefix, final Response response) {
        final List<Finding> found = new ArrayList<>();
        find(prefix + ".narrative", response.getNarrative()).ifPresent(found::add);
        find(prefix + ".challenges", response.getChallenges()).ifPresent(found::add);
        final List<ExploitationReport> forms = response.getExploitationForms();
        for (int i = 0; i < forms.size(); i++) {
            find(prefix + ".exploitationForms[" + i + "].description", forms.get(i).getDescription())
                .ifPresent(found::add);
        }
        final List<String> evidence = response.getEvidence();
        for (int i = 0; i < evidence.size(); i++) {
            find(prefix + ".evidence[" + i + "]", evidence.get(i)).ifPresent(found::add);
        }
        for (int i = 0; i < response.getLegislation().size(); i++) {
            find(prefix + ".legislation[" + i + "].instrument", response.getLegislation().get(i).getInstrument())
                .ifPresent(found::add);
        }
        return found;
    }

    /** Every field's first finding, in order, with paths {@code responses[i]....}. */
    public static List<Finding> findAll(final Submission submission) {
        final List<Finding> found = new ArrayList<>();
        final List<Response> responses = submission.getResponses();
        for (int i = 0; i < responses.size(); i++) {
            found.addAll(find("responses[" + i + "]", responses.get(i)));
        }
        return found;
    }

    /** Whether raw bytes, read as text, hold personal data (for what would be copied verbatim to a dead letter). */
    public static Optional<Finding> findInBytes(final String field, final byte[] raw) {
        if (raw == null) {
            return Optional.empty();
        }
        // ISO-8859-1 maps every byte to one char, so offsets are byte offsets and nothing fails to decode.
        return find(field, new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1))
            .or(() -> find(field, new String(raw, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
