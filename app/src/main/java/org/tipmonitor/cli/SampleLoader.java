package org.tipmonitor.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.tipmonitor.avro.Submission;

/** Sends a list of submissions (then raw records) through a {@link SubmissionProducer}, with a progress line. */
final class SampleLoader {

    /** Redraw the progress line about this often, so a slow terminal does not slow the load. */
    private static final int PROGRESS_STEPS = 40;

    private final SubmissionProducer producer;
    private final PrintWriter out;
    private final boolean interactive;

    /**
     * @param interactive whether {@code out} is a terminal: the progress line then redraws itself in place
     *                    ({@code \r}); otherwise only the first and last counts are printed, one per line, so logs
     *                    stay readable
     */
    SampleLoader(final SubmissionProducer producer, final PrintWriter out, final boolean interactive) {
        this.producer = producer;
        this.out = out;
        this.interactive = interactive;
    }

    /**
     * Sends everything and waits for every acknowledgement.
     *
     * @return how many records were sent
     * @throws IllegalStateException on the first failed send
     */
    int load(final List<Submission> submissions, final List<Raw> raw) {
        final int total = submissions.size() + raw.size();
        final List<Future<RecordMetadata>> acks = new ArrayList<>(total);
        final int every = Math.max(1, total / PROGRESS_STEPS);
        progress(0, total);
        for (final Submission submission : submissions) {
            acks.add(producer.send(submission));
            if (acks.size() % every == 0) {
                progress(acks.size(), total);
            }
        }
        for (final Raw record : raw) {
            acks.add(producer.sendRaw(record.key(), record.value()));
        }
        producer.flush();
        for (final Future<RecordMetadata> ack : acks) {
            SubmissionProducer.await(ack);
        }
        progress(total, total);
        if (interactive) {
            out.println();
        }
        out.flush();
        return total;
    }

    private void progress(final int done, final int total) {
        if (interactive) {
            out.print("\rloading submissions: " + done + "/" + total);
            out.flush();
        } else if (done == 0 || done == total) {
            out.println("loading submissions: " + done + "/" + total);
        }
    }

    /** A record sent as raw bytes. */
    record Raw(String key, byte[] value) {
    }
}
