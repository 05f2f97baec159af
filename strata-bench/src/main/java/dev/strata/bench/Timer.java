package dev.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Times one run in process: wall-clock time, and the CPU time of the harness thread, which also
 * counts SQLite's own work (it runs in that thread) but not a PostgreSQL server's. On a machine
 * shared with other work the CPU time varies far less than the wall-clock time. A collection runs
 * first, so that the garbage of the previous run is not billed to this one.
 */
final class Timer {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timer() {}

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Wall-clock and CPU seconds of one run. */
    record Timing(double seconds, double cpuSeconds) {}

    static Timing time(Work work) throws Exception {
        System.gc();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        work.run();
        return new Timing((System.nanoTime() - started) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }
}
