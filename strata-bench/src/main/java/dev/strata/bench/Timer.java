package dev.strata.bench;

/** Wall-clock timing of one run, after a collection so garbage of the previous run is not billed to it. */
final class Timer {

    private Timer() {}

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    static double time(Work work) throws Exception {
        System.gc();
        long started = System.nanoTime();
        work.run();
        return (System.nanoTime() - started) / 1e9;
    }
}
