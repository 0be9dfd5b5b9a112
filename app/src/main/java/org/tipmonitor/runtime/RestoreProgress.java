package org.tipmonitor.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the instance restores from changelogs: a restore after a lost disk can take minutes, so it logs how far it
 * is (at most every {@link #LOG_EVERY}) and, once no store is restoring any more, how many records it read in how
 * long. Streams calls it from its state-updater thread while the API reads {@link #totals()}, hence the locking.
 */
public final class RestoreProgress implements StateRestoreListener {

    /** How often a restore in progress is logged. */
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgress.class);

    /** What has been restored since the instance started; {@code restoringNanos} counts while a store restores. */
    public record Totals(long records, long toRestore, int storesRestored, long restoringNanos) {

        /** Changelog records read per second of restoring (0 before anything was restored). */
        public double recordsPerSecond() {
            return restoringNanos == 0 ? 0 : records / (restoringNanos / 1e9);
        }
    }

    private final LongSupplier nanoClock;
    /** Per changelog partition: the records it still has to restore when it started. */
    private final Map<TopicPartition, Long> restoring = new HashMap<>();
    private long records;
    private long toRestore;
    private int storesRestored;
    private long restoringNanos;
    private long busySince;
    private long lastLoggedNanos;

    public RestoreProgress() {
        this(System::nanoTime);
    }

    RestoreProgress(final LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void onRestoreStart(final TopicPartition partition, final String storeName,
                                            final long startingOffset, final long endingOffset) {
        final long now = nanoClock.getAsLong();
        if (restoring.isEmpty()) {
            busySince = now;
            lastLoggedNanos = now;
        }
        final long left = Math.max(0, endingOffset - startingOffset);
        restoring.put(partition, left);
        toRestore += left;
    }

    @Override
    public synchronized void onBatchRestored(final TopicPartition partition, final String storeName,
                                             final long batchEndOffset, final long numRestored) {
        records += numRestored;
        final long now = nanoClock.getAsLong();
        if (now - lastLoggedNanos >= LOG_EVERY.toNanos()) {
            lastLoggedNanos = now;
            LOG.info("Restoring state: {} of about {} changelog records, {} store partitions still restoring",
                String.format(Locale.ROOT, "%,d", records), String.format(Locale.ROOT, "%,d", toRestore),
                restoring.size());
        }
    }

    @Override
    public synchronized void onRestoreEnd(final TopicPartition partition, final String storeName,
                                          final long totalRestored) {
        storesRestored++;
        finished(partition);
    }

    @Override
    public synchronized void onRestoreSuspended(final TopicPartition partition, final String storeName,
                                                final long totalRestored) {
        // The task moved to another instance before it had restored: what it read still counts as read.
        finished(partition);
    }

    private void finished(final TopicPartition partition) {
        if (restoring.remove(partition) == null || !restoring.isEmpty()) {
            return;
        }
        final long now = nanoClock.getAsLong();
        restoringNanos += now - busySince;
        LOG.info("State restored: {} changelog records into {} store partitions in {} s ({} records/s)",
            String.format(Locale.ROOT, "%,d", records), storesRestored,
            String.format(Locale.ROOT, "%.2f", restoringNanos / 1e9),
            String.format(Locale.ROOT, "%,.0f", totals().recordsPerSecond()));
    }

    /** What has been restored so far; a restore still running counts up to now. */
    public synchronized Totals totals() {
        final long running = restoring.isEmpty() ? 0 : nanoClock.getAsLong() - busySince;
        return new Totals(records, toRestore, storesRestored, restoringNanos + running);
    }
}
