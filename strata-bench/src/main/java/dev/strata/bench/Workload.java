package dev.strata.bench;

/**
 * One kind of measurement. The harness runs the workloads named on the command line in order;
 * each adds its samples to {@link BenchContext#results()}.
 *
 * <p>To add one (the linter's {@code lint} of 1,000 files and the 10-million-row table rebuild are
 * meant to arrive this way): implement this interface, alternate the contenders with
 * {@link BenchContext#order(int)} over several rounds, check the outcome outside the timed part,
 * and register it in {@link Workloads}.
 */
public interface Workload {

    /** The name used with {@code --workloads}. */
    String id();

    void run(BenchContext context) throws Exception;
}
