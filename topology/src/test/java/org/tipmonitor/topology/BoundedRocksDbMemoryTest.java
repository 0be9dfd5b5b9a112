package org.tipmonitor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The shared memtable budget holds as many stores as one instance opens (one per store and task) without the
 * write-buffer manager flushing a store on nearly every write, which is what it did while every store took a
 * 512 KiB arena block for its first few records.
 */
class BoundedRocksDbMemoryTest {

    /** About as many stores as the application opens with three partitions (50 in the demo). */
    private static final int STORES = 50;
    private static final int RECORDS_PER_STORE = 60;

    @Test
    void fiftyLightlyWrittenStoresKeepTheirRecordsInTheirMemtables(@TempDir final Path dir) throws RocksDBException {
        final BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        final List<Options> options = new ArrayList<>();
        final List<RocksDB> stores = new ArrayList<>();
        try {
            for (int i = 0; i < STORES; i++) {
                final Options storeOptions = new Options().setCreateIfMissing(true);
                storeOptions.setTableFormatConfig(new BlockBasedTableConfig());
                setter.setConfig("store-" + i, storeOptions, Map.of());
                options.add(storeOptions);
                stores.add(RocksDB.open(storeOptions, dir.resolve("store-" + i).toString()));
            }
            final byte[] value = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
            for (int record = 0; record < RECORDS_PER_STORE; record++) {
                for (final RocksDB store : stores) {
                    store.put(("key-" + record).getBytes(StandardCharsets.UTF_8), value);
                }
            }

            // A memtable the write-buffer manager had flushed would hold fewer records than were written to it.
            for (final RocksDB store : stores) {
                assertThat(store.getLongProperty("rocksdb.num-entries-active-mem-table"))
                    .isEqualTo(RECORDS_PER_STORE);
                assertThat(store.getLongProperty("rocksdb.num-immutable-mem-table")).isZero();
            }
        } finally {
            stores.forEach(RocksDB::close);
            options.forEach(Options::close);
        }
    }
}
