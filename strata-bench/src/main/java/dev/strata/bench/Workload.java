package dev.strata.bench;

/**
 * One kind of measurement. The harness runs the workloads named on the command line in order;
 * each adds its samples to {@link BenchContext#results()}.
 *
 * <p>To add one: implement this interface, alternate the contenders over several rounds (
 * {@link BenchContext#order(int)} does it for the in-process tools), check the outcome outside the
 * timed part, and register it in {@link Workloads}.
 */
public interface Workload {

    /** The name used with {@code --workloads}. */
    String id();

    void run(BenchContext context) throws Exception;
}
