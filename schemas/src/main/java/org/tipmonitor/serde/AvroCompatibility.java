package org.tipmonitor.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Avro's reader/writer compatibility check, with each problem described by the dotted path of the
 * field at fault (e.g. {@code responses[].evidence}) instead of Avro's JSON-pointer location, so
 * that build failures and registry refusals name the field a person has to fix.
 */
public final class AvroCompatibility {

    private AvroCompatibility() {
    }

    /** Problems that stop {@code reader} from reading data written with {@code writer}; empty if none. */
    public static List<String> problems(final Schema reader, final Schema writer) {
        final List<String> problems = new ArrayList<>();
        collect(reader, writer, "", problems);
        return problems;
    }

    private static void collect(final Schema reader, final Schema writer, final String prefix, final List<String> out) {
        final SchemaCompatibility.SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (final Incompatibility incompatibility : result.getIncompatibilities()) {
            describe(reader, writer, prefix, incompatibility, out);
        }
    }

    private static void describe(final Schema reader, final Schema writer, final String prefix,
                                 final Incompatibility incompatibility, final List<String> out) {
        final Walk walk = Walk.along(reader, writer, incompatibility.getLocation());
        final String path = prefix + walk.path;
        final String where = path.isEmpty() ? "the record itself" : "field '" + path + "'";
        final SchemaIncompatibilityType type = incompatibility.getType();
        if (type == SchemaIncompatibilityType.MISSING_UNION_BRANCH && walk.unionMatchFound()) {
            // Avro reports a changed record inside an optional field only as a missing union branch;
            // compare the two versions of that record to name the nested field that changed.
            collect(walk.readerBranch, walk.writerBranch, path.isEmpty() ? "" : path + ".", out);
            return;
        }
        switch (type) {
            case READER_FIELD_MISSING_DEFAULT_VALUE -> out.add(where + " was added without a default value,"
                    + " so data written before it existed cannot be read");
            case TYPE_MISMATCH -> out.add(where + " changed type (" + incompatibility.getMessage() + ")");
            default -> out.add(where + ": " + type + " (" + incompatibility.getMessage() + ")");
        }
    }

    /** Follows an Avro location pointer through both schemas, collecting field names. */
    private static final class Walk {
        private String path = "";
        private Schema readerBranch;
        private Schema writerBranch;

        boolean unionMatchFound() {
            return readerBranch != null && writerBranch != null;
        }

        static Walk along(final Schema reader, final Schema writer, final String location) {
            final Walk walk = new Walk();
            final StringBuilder path = new StringBuilder();
            Schema r = reader;
            Schema w = writer;
            final String[] tokens = location == null ? new String[0] : location.split("/");
            for (int i = 0; i < tokens.length && r != null; i++) {
                final String token = tokens[i];
                if ("fields".equals(token) && i + 1 < tokens.length && r.getType() == Schema.Type.RECORD) {
                    final int index = Integer.parseInt(tokens[++i]);
                    if (index >= r.getFields().size()) {
                        break;
                    }
                    final Schema.Field field = r.getFields().get(index);
                    path.append(path.length() == 0 ? "" : ".").append(field.name());
                    final Schema.Field writerField = w == null || w.getType() != Schema.Type.RECORD
                            ? null : w.getField(field.name());
                    r = field.schema();
                    w = writerField == null ? null : writerField.schema();
                } else if ("items".equals(token) && r.getType() == Schema.Type.ARRAY) {
                    path.append("[]");
                    r = r.getElementType();
                    w = w != null && w.getType() == Schema.Type.ARRAY ? w.getElementType() : null;
                } else if ("values".equals(token) && r.getType() == Schema.Type.MAP) {
                    path.append("{}");
                    r = r.getValueType();
                    w = w != null && w.getType() == Schema.Type.MAP ? w.getValueType() : null;
                } else if (token.chars().allMatch(Character::isDigit) && !token.isEmpty()
                        && w != null && w.getType() == Schema.Type.UNION) {
                    // Union indexes point into the writer's union: find the reader's branch of the same name.
                    final Schema branch = w.getTypes().get(Integer.parseInt(token));
                    walk.writerBranch = branch;
                    walk.readerBranch = sameNamedBranch(r, branch);
                    w = branch;
                    r = walk.readerBranch;
                }
            }
            walk.path = path.toString();
            if (walk.readerBranch != null && walk.readerBranch.getType() != Schema.Type.RECORD) {
                walk.readerBranch = null;
            }
            return walk;
        }

        private static Schema sameNamedBranch(final Schema reader, final Schema writerBranch) {
            if (writerBranch.getType() != Schema.Type.RECORD) {
                return null;
            }
            final List<Schema> candidates = reader.getType() == Schema.Type.UNION ? reader.getTypes() : List.of(reader);
            return candidates.stream()
                    .filter(c -> c.getType() == Schema.Type.RECORD && c.getFullName().equals(writerBranch.getFullName()))
                    .findFirst().orElse(null);
        }
    }
}
