package org.tipmonitor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size (Linux VmHWM) and heap of this process. */
final class Memory {

    private Memory() {
    }

    /** Peak resident set size in MiB, or -1 where /proc is not available. */
    static long peakRssMiB() {
        return procStatus("VmHWM:");
    }

    static long rssMiB() {
        return procStatus("VmRSS:");
    }

    /** Sum of the peak usage of the heap pools, in MiB (an upper bound of the peak heap in use). */
    static long peakHeapMiB() {
        long bytes = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    static long maxHeapMiB() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static long procStatus(final String field) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) >> 10;
                }
            }
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
