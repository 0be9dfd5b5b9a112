package org.tipmonitor.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;

/**
 * Build-time guard of the Avro contract: every current top-level schema must read data written
 * with every released version of it kept under {@code history/<RecordName>/v<N>.avsc}
 * (BACKWARD_TRANSITIVE), so that a change that would break consumers of old data fails the build
 * with the record and the field named.
 */
public final class SchemaCompatibilityCheck {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private SchemaCompatibilityCheck() {
    }

    /**
     * Checks the contract; arguments: the .avsc source directory and the history directory. Throws
     * rather than calling System.exit because the build runs it inside Maven's JVM.
     */
    public static void main(final String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: SchemaCompatibilityCheck <avsc source dir> <history dir>");
        }
        final List<String> problems = problems(Path.of(args[0]), Path.of(args[1]));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The Avro contract breaks compatibility with released versions ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                    + String.join("\n  ", problems));
        }
        System.out.println("Avro contract is BACKWARD_TRANSITIVE compatible with " + args[1]);
    }

    /** Every problem of the contract in {@code sourceDir} against the history in {@code historyDir}. */
    public static List<String> problems(final Path sourceDir, final Path historyDir) {
        return problems(currentSchemas(sourceDir), history(historyDir));
    }

    /** Every problem of the current schemas (by record name) against their history (by name, then version). */
    public static List<String> problems(final Map<String, Schema> current,
                                        final Map<String, TreeMap<Integer, Schema>> history) {
        final List<String> problems = new ArrayList<>();
        current.forEach((name, schema) -> {
            final TreeMap<Integer, Schema> versions = history.get(name);
            if (versions == null || versions.isEmpty()) {
                problems.add(name + ": no released version in history/" + name + "/ (add v1.avsc, a copy of the"
                        + " current schema with named types inlined)");
                return;
            }
            final int expected = versions.size();
            if (versions.lastKey() != expected) {
                problems.add(name + ": history versions must be numbered v1..v" + expected + " without gaps, found "
                        + versions.keySet());
            }
            versions.forEach((version, old) -> AvroCompatibility.problems(schema, old).forEach(problem ->
                    problems.add(name + ": the current schema cannot read data written with history/" + name + "/v"
                            + version + ".avsc: " + problem)));
        });
        history.keySet().stream().filter(name -> !current.containsKey(name)).forEach(name ->
                problems.add(name + ": has released versions in history/ but no current schema; records may not be removed"));
        return problems;
    }

    /** The top-level schemas of the source tree by record name; named types may be defined in any file. */
    static Map<String, Schema> currentSchemas(final Path sourceDir) {
        final SchemaParser parser = new SchemaParser();
        final List<SchemaParser.ParseResult> topLevel = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceDir)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                final SchemaParser.ParseResult result = parser.parse(file);
                if (file.getParent().equals(sourceDir)) {
                    topLevel.add(result);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the Avro sources in " + sourceDir, e);
        }
        final Map<String, Schema> byName = new TreeMap<>();
        for (final SchemaParser.ParseResult result : topLevel) {
            final Schema schema = parser.resolve(result);
            byName.put(schema.getName(), schema);
        }
        return byName;
    }

    /** history/<RecordName>/v<N>.avsc, each file self-contained. */
    static Map<String, TreeMap<Integer, Schema>> history(final Path historyDir) {
        final Map<String, TreeMap<Integer, Schema>> history = new TreeMap<>();
        try (Stream<Path> files = Files.walk(historyDir, 2)) {
            for (final Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                final Matcher version = VERSION_FILE.matcher(file.getFileName().toString());
                final String name = file.getParent().getFileName().toString();
                if (!version.matches() || file.getParent().getParent() == null
                        || !file.getParent().getParent().equals(historyDir)) {
                    throw new IllegalStateException("Unexpected history file " + file
                            + "; expected history/<RecordName>/v<N>.avsc");
                }
                final Schema schema = parseSelfContained(file);
                if (!schema.getName().equals(name)) {
                    throw new IllegalStateException(file + " holds record " + schema.getName() + ", not " + name);
                }
                history.computeIfAbsent(name, n -> new TreeMap<>()).put(Integer.parseInt(version.group(1)), schema);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the schema history in " + historyDir, e);
        }
        return history;
    }

    private static Schema parseSelfContained(final Path file) throws IOException {
        try {
            return SchemaParser.parseSingle(file);
        } catch (final SchemaParseException e) {
            throw new IllegalStateException(file + " is not a self-contained Avro schema (inline every named type): "
                    + e.getMessage(), e);
        }
    }
}
