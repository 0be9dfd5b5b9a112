package org.tipmonitor.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.avro.Submission;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * Submissions as JSON lines: one plain-JSON {@link Submission} per line (the form the HTTP API accepts), blank
 * lines and lines starting with {@code #} skipped.
 *
 * <p>Reading never stops at a bad line: a file prepared by hand usually has several mistakes, and the person
 * fixing it wants all of them at once, each with its line number and the field at fault.
 */
public final class SubmissionFiles {

    private SubmissionFiles() {
    }

    /**
     * One non-blank, non-comment line of a file: either a submission or why the line is not one.
     *
     * @param lineNumber 1-based line number in the file
     * @param text       the line as read
     * @param submission the submission, when the line is valid
     * @param error      what is wrong (starting with the field path when there is one), when it is not
     */
    public record Line(int lineNumber, String text, Optional<Submission> submission, Optional<String> error) {

        public Line {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(submission, "submission");
            Objects.requireNonNull(error, "error");
            if (submission.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("a line holds either a submission or an error");
            }
        }

        static Line valid(final int lineNumber, final String text, final Submission submission) {
            return new Line(lineNumber, text, Optional.of(submission), Optional.empty());
        }

        static Line invalid(final int lineNumber, final String text, final String error) {
            return new Line(lineNumber, text, Optional.empty(), Optional.of(error));
        }

        public boolean isValid() {
            return submission.isPresent();
        }

        /** The error as one line for people: {@code line 7: responses[0].status: unknown value ...}. */
        public String describeError() {
            return "line " + lineNumber + ": " + error.orElse("valid");
        }
    }

    /**
     * Reads every line of {@code file}.
     *
     * @throws UncheckedIOException if the file cannot be read (a missing file is not a per-line error)
     */
    public static List<Line> read(final Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every line from {@code in}; does not close it. */
    public static List<Line> read(final Reader in) throws IOException {
        final BufferedReader reader = in instanceof BufferedReader buffered ? buffered : new BufferedReader(in);
        final List<Line> lines = new ArrayList<>();
        int lineNumber = 0;
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            lineNumber++;
            final String trimmed = stripByteOrderMark(text, lineNumber).strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            lines.add(parseLine(lineNumber, trimmed));
        }
        return List.copyOf(lines);
    }

    /** Reads one line; the error of an invalid line is {@link AvroJsonException#getMessage()}. */
    public static Line parseLine(final int lineNumber, final String text) {
        try {
            return Line.valid(lineNumber, text, AvroJson.fromJson(text, Submission.class));
        } catch (final AvroJsonException e) {
            return Line.invalid(lineNumber, text, e.getMessage());
        }
    }

    /** Writes submissions as JSON lines, one per line, in the given order. */
    public static void write(final Collection<Submission> submissions, final Writer out) throws IOException {
        for (final Submission submission : submissions) {
            out.write(AvroJson.toJsonString(submission));
            out.write('\n');
        }
        out.flush();
    }

    /** Writes submissions as JSON lines to {@code file}, after a {@code #} comment header (may be empty). */
    public static void write(final Collection<Submission> submissions, final String header, final Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (final String headerLine : header.lines().toList()) {
                out.write("# " + headerLine + "\n");
            }
            write(submissions, out);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // Editors on Windows save UTF-8 with a byte order mark, which would make the first line invalid JSON.
    private static String stripByteOrderMark(final String text, final int lineNumber) {
        return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
