package dev.strata.bench;

/**
 * Every contender applies the generated migrations to a fresh database, for each size and engine:
 * contenders alternated within each round, the same files for all.
 */
final class MigrateWorkload implements Workload {

    @Override
    public String id() {
        return "migrate";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            for (int size : context.options().sizes()) {
                MigrationSet set = context.migrations(size);
                int rounds = context.options().roundsFor(size);
                for (int round = 1; round <= rounds; round++) {
                    for (Contender contender : context.order(round)) {
                        Target target = engine.fresh();
                        Timer.Timing seconds = Timer.time(() -> contender.migrate(target, set));
                        Checks.applied(context, engineName, target, size, contender);
                        context.results()
                                .add(new Sample("migrate", engineName, size, contender.name(), round, seconds));
                        if (round == rounds && size == context.options().historySize()) {
                            context.keepApplied(engineName, size, contender.name(), target);
                        } else {
                            engine.drop(target);
                        }
                    }
                }
            }
        }
    }
}
