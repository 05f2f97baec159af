package dev.strata.bench;

/**
 * {@code status} and {@code validate} on a database where every generated migration is applied:
 * what a CI check or a deploy script pays on every run, long after the migrations themselves.
 */
final class HistoryReadWorkload implements Workload {

    @Override
    public String id() {
        return "history";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().historySize();
        MigrationSet set = context.migrations(size);
        int rounds = context.options().roundsFor(size);
        for (String engine : context.options().engines()) {
            for (Contender contender : context.contenders()) {
                context.applied(engine, size, contender);
            }
            for (int round = 1; round <= rounds; round++) {
                for (Contender contender : context.order(round)) {
                    Target target = context.applied(engine, size, contender);
                    int[] applied = new int[1];
                    Timer.Timing status = Timer.time(() -> applied[0] = contender.status(target, set));
                    if (applied[0] != size) {
                        throw new IllegalStateException(contender.name() + " status saw " + applied[0] + " of " + size);
                    }
                    context.results().add(new Sample("status", engine, size, contender.name(), round, status));
                    boolean[] ok = new boolean[1];
                    Timer.Timing validate = Timer.time(() -> ok[0] = contender.validate(target, set));
                    if (!ok[0]) {
                        throw new IllegalStateException(contender.name() + " validate failed on " + engine);
                    }
                    context.results().add(new Sample("validate", engine, size, contender.name(), round, validate));
                }
            }
        }
    }
}
