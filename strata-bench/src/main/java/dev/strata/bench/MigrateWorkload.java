package dev.strata.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Every contender applies the generated migrations to a fresh database, for each size and engine:
 * contenders alternated within each round, the same files for all. Beside strata runs its
 * {@code --single-transaction} variant ({@link StrataContender#SINGLE}), here only: the other
 * workloads read what a run left, which is the same either way.
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
                    for (Contender contender : withSingleTransaction(context.order(round))) {
                        Target target = engine.fresh();
                        Timer.Timing seconds = Timer.time(() -> contender.migrate(target, set));
                        Checks.applied(context, engineName, target, size, contender);
                        context.results()
                                .add(new Sample("migrate", engineName, size, contender.name(), round, seconds));
                        if (round == rounds
                                && size == context.options().historySize()
                                && context.contenders().contains(contender)) {
                            context.keepApplied(engineName, size, contender.name(), target);
                        } else {
                            engine.drop(target);
                        }
                    }
                }
            }
        }
    }

    /** The round's order with strata's single-transaction variant right after strata, when strata runs. */
    static List<Contender> withSingleTransaction(List<Contender> order) {
        List<Contender> all = new ArrayList<>();
        for (Contender contender : order) {
            all.add(contender);
            if (contender instanceof StrataContender) {
                all.add(new StrataContender(true));
            }
        }
        return all;
    }
}
