package dev.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the JVM heap in use every 20 ms while a run goes on, after a collection at the start so
 * that earlier garbage does not count.
 */
final class HeapSampler {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long before;
    private final AtomicLong peak;
    private final Thread thread;
    private volatile boolean running = true;

    private HeapSampler() {
        System.gc();
        before = MEMORY.getHeapMemoryUsage().getUsed();
        peak = new AtomicLong(before);
        thread = new Thread(
                () -> {
                    while (running) {
                        peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        thread.setDaemon(true);
    }

    static HeapSampler start() {
        HeapSampler sampler = new HeapSampler();
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling; the most the heap grew above its size at the start, in bytes. */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return Math.max(0, peak.get() - before);
    }
}
