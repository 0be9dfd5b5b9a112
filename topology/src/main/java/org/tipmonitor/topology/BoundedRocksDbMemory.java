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
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and the write-buffer manager are shared by every store: closing them here would break the others.
    }
}
