package dev.strata.bench;

/**
 * One timed run.
 *
 * @param workload   e.g. {@code migrate}, {@code status}, {@code status (process)}
 * @param engine     {@code sqlite} or {@code postgres}
 * @param size       how many migrations the run handled
 * @param contender  who ran
 * @param round      1-based
 * @param seconds    wall-clock time
 * @param cpuSeconds CPU time of the harness thread for in-process runs (see {@link Timer}); NaN for
 *                   whole processes
 */
public record Sample(
        String workload, String engine, int size, String contender, int round, double seconds, double cpuSeconds) {

    Sample(String workload, String engine, int size, String contender, int round, Timer.Timing timing) {
        this(workload, engine, size, contender, round, timing.seconds(), timing.cpuSeconds());
    }
}
