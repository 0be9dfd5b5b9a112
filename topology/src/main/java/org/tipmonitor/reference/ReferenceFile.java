package org.tipmonitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.tipmonitor.json.AvroJson;
import org.tipmonitor.json.AvroJsonException;

/**
 * The common shape of the reference files: a JSON object with one array of entries in the plain JSON
 * form of an Avro record, beside descriptive fields (prose about the file, its sources, the date its
 * facts hold for). The entries are checked strictly against the schema; the descriptive fields are
 * for people and are left free, so that a file can say more about itself without a code change.
 */
final class ReferenceFile<T extends SpecificRecord> {

    private final String description;
    private final ObjectNode root;
    private final List<T> entries;

    private ReferenceFile(final String description, final ObjectNode root, final List<T> entries) {
        this.description = description;
        this.root = root;
        this.entries = entries;
    }

    /**
     * @param description  what the stream is, for messages (e.g. the resource name)
     * @param entriesField the field holding the array of entries
     */
    static <T extends SpecificRecord> ReferenceFile<T> read(final InputStream in, final String description,
                                                            final String entriesField, final Class<T> type) {
        Objects.requireNonNull(in, "in");
        final JsonNode node;
        try {
            node = AvroJson.mapper().readTree(in);
        } catch (final IOException unreadable) {
            throw new ReferenceDataException(description + ": not readable JSON: " + unreadable.getMessage(), unreadable);
        }
        if (node == null || !node.isObject()) {
            throw new ReferenceDataException(description + ": expected a JSON object with \"" + entriesField
                    + "\", got " + (node == null || node.isMissingNode() ? "nothing" : node.getNodeType()));
        }
        final ObjectNode root = (ObjectNode) node;
        final JsonNode array = root.get(entriesField);
        if (array == null || !array.isArray()) {
            throw new ReferenceDataException(description + ": \"" + entriesField + "\" must be an array");
        }
        final List<T> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            try {
                entries.add(AvroJson.fromJson(array.get(i), type));
            } catch (final AvroJsonException invalid) {
                final String path = entriesField + "[" + i + "]" + (invalid.path().isEmpty() ? "" : "." + invalid.path());
                throw new ReferenceDataException(description + ": " + path + ": " + detail(invalid), invalid);
            }
        }
        return new ReferenceFile<>(description, root, entries);
    }

    /** The exception's message without its own path prefix, which is re-anchored at the entry. */
    private static String detail(final AvroJsonException invalid) {
        final String message = invalid.getMessage();
        final String prefix = invalid.path() + ": ";
        return !invalid.path().isEmpty() && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    String description() {
        return description;
    }

    List<T> entries() {
        return entries;
    }

    /** @return a top-level text field, or the empty string when the file has none. */
    String text(final String field) {
        final JsonNode value = root.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** @return a copy of a top-level field, or a missing node. */
    JsonNode node(final String field) {
        final JsonNode value = root.get(field);
        return value == null ? AvroJson.mapper().missingNode() : value.deepCopy();
    }

    /** Opens a classpath resource, failing with the resource's name when it is not there. */
    static InputStream open(final String resource) {
        final InputStream in = ReferenceFile.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new ReferenceDataException(resource + " is not on the classpath");
        }
        return in;
    }
}
