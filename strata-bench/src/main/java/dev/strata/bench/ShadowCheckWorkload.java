package dev.strata.bench;

import dev.strata.engine.LintRequest;
import dev.strata.engine.MigrateOptions;
import dev.strata.inspect.HealthReport;
import dev.strata.lint.LintReport;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code strata check} and {@code strata lint --pending} of a database migrated with a real
 * project's PostgreSQL history (crates.io's, as {@link ShadowDumpWorkload}), against psql applying
 * the same files: both commands run the history on a shadow database, so psql's time is their floor.
 * strata migrates each round's fresh database untimed with every file but the last two, so that
 * check judges the applied ones and lint --pending those two, the first of which drops a table: the
 * gate's shadow then runs the history up to it to count that table's rows.
 */
final class ShadowCheckWorkload implements Workload {

    static final String NAME = "shadow-check";
    static final String CHECK = "check (crates.io)";
    static final String LINT_PENDING = "lint --pending (crates.io)";

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public void run(BenchContext context) throws Exception {
        if (!context.options().engines().contains("postgres")) {
            return;
        }
        Path corpus = context.options().root().resolve(ShadowDumpWorkload.PROJECT);
        Path migrations = corpus.resolve("migrations");
        List<Migration> files = MigrationDirectory.scan(corpus, migrations);
        // strata's run log goes to the project folder: a folder of the work area, not the corpus's.
        Path project = context.work().resolve("shadow-check");
        Path script = ShadowDumpWorkload.writeScript(project.resolve("shadow-check.psql"), files);
        Version lastApplied = files.get(files.size() - 3).version();
        Engine engine = context.engine("postgres");
        int rounds = context.options().roundsFor(files.size());
        for (int round = 0; round <= rounds; round++) { // round 0 is the untimed warm-up
            Target target = engine.fresh();
            try {
                StrataContender.strata(target, project, migrations)
                        .migrate(new MigrateOptions(Optional.of(lastApplied), false, false));
                Timer.Timing check = Timer.time(() -> requireHealthy(
                        StrataContender.strata(target, project, migrations).check()));
                Timer.Timing lint =
                        Timer.time(() -> requireOneFinding(StrataContender.strata(target, project, migrations)
                                .lint(new LintRequest(List.of(), true, true))));
                if (round > 0) {
                    context.results().add(new Sample(CHECK, "postgres", files.size(), "strata", round, check));
                    context.results().add(new Sample(LINT_PENDING, "postgres", files.size(), "strata", round, lint));
                }
            } finally {
                engine.drop(target);
            }
            for (String row : List.of(CHECK, LINT_PENDING)) {
                double seconds = ShadowDumpWorkload.floorSeconds(engine, script, files.size());
                if (round > 0) {
                    context.results()
                            .add(new Sample(
                                    row,
                                    "postgres",
                                    files.size(),
                                    ShadowDumpWorkload.PSQL,
                                    round,
                                    seconds,
                                    Double.NaN));
                }
            }
        }
        context.note(String.format(
                Locale.ROOT,
                "`%s` and `%s` run in process, after a warm-up, on a database strata migrated with %d of the %d"
                        + " migrations of %s; `lint --pending` judges the other two, the first of which drops a"
                        + " table. psql applies all %d files to a fresh database, each in its own transaction:"
                        + " the shadow's floor.",
                CHECK,
                LINT_PENDING,
                files.size() - 2,
                files.size(),
                ShadowDumpWorkload.PROJECT,
                files.size()));
    }

    /**
     * A check that found a missing object took the slow path (a second replay to name its creator),
     * and one without history measured nothing; the history's own NOT VALID constraints are expected.
     */
    private static void requireHealthy(HealthReport report) {
        boolean missing = report.problems().stream().anyMatch(p -> p.message().contains("is missing"));
        if (missing || report.migrations() < 10) {
            throw new IllegalStateException("check found missing objects or no history: " + report.problems());
        }
    }

    /** The two pending files hold one finding: the dropped table, empty here. */
    private static void requireOneFinding(LintReport report) {
        if (report.files() != 2 || report.findings().size() != 1) {
            throw new IllegalStateException("lint --pending should lint two files and find the dropped table, found "
                    + report.files() + " files and " + report.findings());
        }
    }
}
