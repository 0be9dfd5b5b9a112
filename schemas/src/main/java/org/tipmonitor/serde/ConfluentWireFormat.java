package org.tipmonitor.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's framing of a Kafka record value or key: one magic byte 0, the writer schema's
 * registry id as a 4-byte big-endian int, then the Avro binary encoding.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int ID_LENGTH = 4;
    public static final int HEADER_LENGTH = 1 + ID_LENGTH;

    private ConfluentWireFormat() {
    }

    /** The schema id of framed bytes, after checking the frame. */
    public static int schemaId(final byte[] framed) {
        if (framed.length < HEADER_LENGTH) {
            throw new UnknownMagicByteException("The payload has " + framed.length
                    + " bytes, fewer than the " + HEADER_LENGTH + " of a Confluent frame (magic byte and schema id).");
        }
        if (framed[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException("The payload starts with byte " + framed[0]
                    + " instead of the Confluent magic byte " + MAGIC_BYTE + ".");
        }
        return ByteBuffer.wrap(framed, 1, ID_LENGTH).getInt();
    }

    /** The subject of a topic under Confluent's TopicNameStrategy. */
    public static String subject(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
