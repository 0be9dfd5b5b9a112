package org.tipmonitor.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Words for error messages: what a schema expects and what a JSON value is, phrased for the person
 * who wrote the document rather than for someone who knows Avro.
 */
final class Expectations {

    static final String INSTANT_EXAMPLE = "2014-03-01T10:00:00Z";
    static final String DATE_EXAMPLE = "2013-11-06";

    /** A map key that can be written after a dot without confusing the reader of a path. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final int MAX_QUOTED_LENGTH = 60;

    private Expectations() {
    }

    /** @return what a value of this schema looks like in plain JSON, e.g. {@code a string or null}. */
    static String expected(final Schema schema) {
        final LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.TimestampMillis
                || logicalType instanceof LogicalTypes.TimestampMicros) {
            return "an ISO-8601 instant with an offset, such as \"" + INSTANT_EXAMPLE + "\"";
        }
        if (logicalType instanceof LogicalTypes.Date) {
            return "a date YYYY-MM-DD, such as \"" + DATE_EXAMPLE + "\"";
        }
        switch (schema.getType()) {
            case RECORD:
                return "an object (" + schema.getName() + ")";
            case ENUM:
                return "one of " + String.join(", ", schema.getEnumSymbols());
            case ARRAY:
                return "an array of " + plural(schema.getElementType());
            case MAP:
                return "an object whose values are " + plural(schema.getValueType());
            case UNION:
                return unionExpectation(schema);
            case STRING:
                return "a string";
            case BYTES:
                return "a base64 string";
            case FIXED:
                return "a base64 string of " + schema.getFixedSize() + " bytes";
            case INT:
                return "an integer (32-bit)";
            case LONG:
                return "an integer";
            case FLOAT:
            case DOUBLE:
                return "a number";
            case BOOLEAN:
                return "true or false";
            case NULL:
                return "null";
            default:
                return schema.getType().getName();
        }
    }

    private static String unionExpectation(final Schema union) {
        final StringBuilder words = new StringBuilder();
        for (final Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            if (words.length() > 0) {
                words.append(", or ");
            }
            words.append(expected(branch));
        }
        if (union.isNullable()) {
            words.append(" or null");
        }
        return words.toString();
    }

    /** Element descriptions read better in the plural: "an array of strings", not "of a string". */
    private static String plural(final Schema schema) {
        switch (schema.getType()) {
            case RECORD:
                return "objects (" + schema.getName() + ")";
            case STRING:
                return "strings";
            case ENUM:
                return "values from " + String.join(", ", schema.getEnumSymbols());
            default:
                return expected(schema);
        }
    }

    /** @return a short description of a JSON value for "got ..." clauses, e.g. {@code the number 3}. */
    static String actual(final JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "the string " + quote(node.textValue());
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Quotes a user-supplied string, shortening it so that a huge value cannot flood a message. */
    static String quote(final String value) {
        final String shown = value.length() > MAX_QUOTED_LENGTH
                ? value.substring(0, MAX_QUOTED_LENGTH) + "..."
                : value;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String field(final String parent, final String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(final String parent, final int index) {
        return parent + "[" + index + "]";
    }

    static String mapKey(final String parent, final String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return field(parent, key);
        }
        return parent + "[" + quote(key) + "]";
    }
}
