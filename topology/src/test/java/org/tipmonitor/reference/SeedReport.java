package org.tipmonitor.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads chapter II (the recommendations) of the seed: the Chinese text of the 2013 report as
 * extracted from its PDF. Written for the test alone, without looking at how the catalogue file was
 * made, so that the two can check each other.
 *
 * <p>What the extraction does to the text: paragraphs are broken over lines with blank lines between;
 * lines that continue after a page break start with a space; a footnote block (a line of underscores,
 * then the note) sits between two paragraphs; a section title may itself run over two lines.
 */
final class SeedReport {

    static final String RESOURCE = "seed/wg4-2013-report.zh.txt";

    private static final Pattern CHAPTER = Pattern.compile("^[一二三四五六七八九十]+\\.\\s");
    private static final Pattern SECTION = Pattern.compile("^([A-Z])[.．]\\s*(.*)$");
    private static final Pattern PARAGRAPH = Pattern.compile("^(\\d+)\\.\\s+(.*)$");
    private static final Pattern FOOTNOTE_RULE = Pattern.compile("^_{5,}$");

    /** A section of the recommendations with its title as printed (lines joined). */
    record Section(String letter, String title, List<Integer> paragraphs) {
    }

    private final Map<Integer, String> paragraphs;
    private final Map<Integer, Integer> occurrences;
    private final List<Section> sections;

    private SeedReport(final Map<Integer, String> paragraphs, final Map<Integer, Integer> occurrences,
                       final List<Section> sections) {
        this.paragraphs = paragraphs;
        this.occurrences = occurrences;
        this.sections = sections;
    }

    static SeedReport load() throws IOException {
        try (InputStream in = SeedReport.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from test resources");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static SeedReport parse(final String text) {
        final Map<Integer, StringBuilder> paragraphs = new LinkedHashMap<>();
        final Map<Integer, Integer> occurrences = new LinkedHashMap<>();
        final List<String> letters = new ArrayList<>();
        final List<StringBuilder> titles = new ArrayList<>();
        final List<List<Integer>> members = new ArrayList<>();
        boolean inRecommendations = false;
        StringBuilder current = null;
        boolean inTitle = false;
        for (final String raw : text.split("\\R")) {
            final String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (CHAPTER.matcher(line).find()) {
                // Chapter II holds the recommendations; every other chapter ends them.
                inRecommendations = line.contains("建议") && line.startsWith("二");
                current = null;
                inTitle = false;
                continue;
            }
            if (!inRecommendations) {
                continue;
            }
            if (FOOTNOTE_RULE.matcher(line).matches()) {
                current = null;
                inTitle = false;
                continue;
            }
            final Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                letters.add(section.group(1));
                titles.add(new StringBuilder(section.group(2)));
                members.add(new ArrayList<>());
                current = null;
                inTitle = true;
                continue;
            }
            final Matcher paragraph = PARAGRAPH.matcher(line);
            if (paragraph.matches() && !letters.isEmpty()) {
                final int number = Integer.parseInt(paragraph.group(1));
                occurrences.merge(number, 1, Integer::sum);
                current = new StringBuilder(paragraph.group(2));
                paragraphs.put(number, current);
                members.get(members.size() - 1).add(number);
                inTitle = false;
                continue;
            }
            if (inTitle) {
                titles.get(titles.size() - 1).append(line);
            } else if (current != null) {
                current.append(line);
            }
            // else: the text of a footnote, or chapter text before the first section (para 4)
        }
        final Map<Integer, String> texts = new LinkedHashMap<>();
        paragraphs.forEach((number, body) -> texts.put(number, body.toString()));
        final List<Section> sections = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            sections.add(new Section(letters.get(i), titles.get(i).toString(), List.copyOf(members.get(i))));
        }
        return new SeedReport(texts, occurrences, sections);
    }

    /** @return paragraph number to text (lines stripped and joined), in document order. */
    Map<Integer, String> paragraphs() {
        return paragraphs;
    }

    /** @return how many times each paragraph number opened a paragraph. */
    Map<Integer, Integer> occurrences() {
        return occurrences;
    }

    List<Section> sections() {
        return sections;
    }

    static String withoutWhitespace(final String text) {
        return text.replaceAll("\\s+", "");
    }
}
