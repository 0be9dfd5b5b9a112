package org.tipmonitor.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the native memory of all RocksDB stores of the process: one block cache shared by every store (index and
 * filter blocks included, so they do not grow outside it), and one write-buffer budget counted against that cache.
 * Without it each store and each segment of the versioned cell store takes its own cache and memtables (RocksDB
 * defaults: 50 MB block cache, 3 x 16 MB memtables per store in Kafka Streams), and a process with about twenty
 * stores used well over a gigabyte of resident memory for a few megabytes of state.
 *
 * <p>The cache and the write-buffer manager are shared by design and live as long as the process; they are
 * therefore never closed per store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Block cache shared by every store, write buffers included. */
    public static final long TOTAL_OFF_HEAP_BYTES = 64L * 1024 * 1024;
    /** Part of the cache the memtables of all stores may take together. */
    public static final long TOTAL_MEMTABLE_BYTES = 16L * 1024 * 1024;
    /** Share of the cache kept for index and filter blocks. */
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    private static final int MEMTABLES = 2;
    /**
     * Memtable arena block: RocksDB's default is an eighth of the memtable (512 KiB here), taken by every store as soon
     * as it holds a few records. With one store per task (about fifty stores with three partitions) those first
     * blocks alone exceeded the shared memtable budget, so the write-buffer manager flushed the memtable of whichever
     * store was written next: nearly every write became a flush to a tiny SST file (in two minutes of the demo a row
     * store had written 230 files of about 1.5 KB) and a third of the stream thread's wall-clock time went into
     * {@code RocksDB.put}. Small blocks keep an idle or barely used store well inside its share, so memtables are
     * flushed when they are full again (BoundedRocksDbMemoryTest).
     */
    private static final long ARENA_BLOCK_BYTES = 32L * 1024;

    /**
     * Created on first use, not when the class loads: Streams loads the class while parsing its configuration,
     * before the RocksDB native library is loaded.
     */
    private static final class Shared {
        static {
            RocksDB.loadLibrary();
        }

        static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_SHARE);
        static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

        private Shared() {
        }
    }

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(Shared.CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(Shared.WRITE_BUFFERS);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and the write-buffer manager are shared by every store: closing them here would break the others.
    }
}
