package org.tipmonitor.json;

/**
 * A JSON document does not fit the Avro schema it is read against.
 *
 * <p>The message is meant for people: the HTTP API returns it verbatim as the body of a 400, so it
 * always starts with the path of the offending value (when there is one) and says what was
 * expected, e.g. {@code responses[2].status: unknown value "DONE"; expected one of NOT_STARTED, ...}.
 */
public final class AvroJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;

    /**
     * @param path   where in the document the problem is, e.g. {@code responses[2].status}; empty for
     *               the document as a whole
     * @param detail what is wrong and what was expected, without the path
     */
    public AvroJsonException(final String path, final String detail) {
        super(path.isEmpty() ? detail : path + ": " + detail);
        this.path = path;
    }

    /**
     * @return the path of the offending value ({@code reporter.type}, {@code responses[0].measures[1]},
     *     {@code scores["x y"]}), or the empty string when the problem concerns the whole document
     */
    public String path() {
        return path;
    }
}
