package org.tipmonitor.compliance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.tipmonitor.avro.Submission;

/**
 * A digest of a submission's content, to tell a redelivery (same id, same content: a no-op) from a conflict (same
 * id, other content: rejected). Computed on the record as read with the current schema, so the same content
 * written with an older schema version digests the same.
 */
public final class SubmissionFingerprint {

    private SubmissionFingerprint() {
    }

    public static String of(final Submission submission) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            // With the class's own model: it holds the conversions of its logical types (dates since contract v3).
            new SpecificDatumWriter<Submission>(Submission.getClassSchema(), SpecificData.getForClass(Submission.class))
                .write(submission, encoder);
            encoder.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
