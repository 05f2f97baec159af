package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.lint.LintReport;
import java.util.List;

/**
 * {@code strata lint} of a whole migrations folder (1,000 generated files by default), twice per
 * round: from the statements alone, and with the shadow database, where every migration runs so
 * that the rules see the schema it meets and leaves. No other contender lints, so this workload
 * measures strata alone; the two rows show what the shadow costs.
 */
final class LintWorkload implements Workload {

    static final String STATEMENTS = "lint (statements)";
    static final String SHADOW = "lint (shadow)";

    @Override
    public String id() {
        return "lint";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        int size = context.options().lintSize();
        MigrationSet set = context.migrations(size);
        int rounds = context.options().roundsFor(size);
        for (String engineName : context.options().engines()) {
            Engine engine = context.engine(engineName);
            // lint reads no history, but the shadow is made next to the configured database
            Target target = engine.fresh();
            try {
                Strata strata = StrataContender.strata(target, set);
                lint(strata, set, false); // warm-up, untimed
                lint(strata, set, true);
                for (int round = 1; round <= rounds; round++) {
                    boolean shadowFirst = round % 2 == 0;
                    for (boolean shadow : shadowFirst ? List.of(true, false) : List.of(false, true)) {
                        Timer.Timing timing = Timer.time(() -> lint(strata, set, shadow));
                        context.results()
                                .add(new Sample(
                                        shadow ? SHADOW : STATEMENTS, engineName, size, "strata", round, timing));
                    }
                }
            } finally {
                engine.drop(target);
            }
        }
    }

    /** Lints the folder and checks that every file was read, and that the shadow was really used. */
    private static void lint(Strata strata, MigrationSet set, boolean shadow) {
        LintReport report = strata.lint(new LintRequest(List.of(), false, shadow));
        if (report.files() != set.count()) {
            throw new IllegalStateException("lint read " + report.files() + " of " + set.count() + " files");
        }
        if (shadow && !report.notes().isEmpty()) {
            throw new IllegalStateException("lint did not use the shadow database: " + report.notes());
        }
    }
}
