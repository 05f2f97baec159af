package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrationState;
import java.nio.file.Path;
import java.util.Map;

/**
 * Strata through its library API, as an application embedding it would call it: one transaction per
 * migration, or with {@link #SINGLE} every migration of the run in one ({@code --single-transaction}).
 */
public final class StrataContender implements Contender {

    /** The name of the variant that applies the whole run in one transaction. */
    static final String SINGLE = "strata-single";

    private final boolean singleTransaction;

    public StrataContender() {
        this(false);
    }

    StrataContender(boolean singleTransaction) {
        this.singleTransaction = singleTransaction;
    }

    @Override
    public String name() {
        return singleTransaction ? SINGLE : "strata";
    }

    @Override
    public String version() {
        String commit = System.getenv("BENCH_COMMIT");
        return "strata " + Versions.of("dev.strata", "strata-core")
                + (commit == null || commit.isBlank() ? "" : " (commit " + commit + ")");
    }

    @Override
    public void migrate(Target target, MigrationSet set) {
        strata(target, set)
                .migrate(new MigrateOptions(
                        java.util.Optional.empty(), false, false, java.util.Optional.of(singleTransaction)));
    }

    @Override
    public int status(Target target, MigrationSet set) {
        return (int) strata(target, set).status().count(MigrationState.APPLIED);
    }

    @Override
    public boolean validate(Target target, MigrationSet set) {
        return strata(target, set).validate(false).ok();
    }

    /** strata configured for {@code set} on {@code target}, as every strata workload runs it. */
    static Strata strata(Target target, MigrationSet set) {
        return strata(target, set.root(), set.dir());
    }

    /** strata on {@code target}, for the project in {@code project} and its migrations in {@code migrations}. */
    static Strata strata(Target target, Path project, Path migrations) {
        return Strata.configure()
                .projectDir(project)
                .url(target.strataUrl())
                .migrations(migrations)
                .environmentVariables(Map.of())
                .load();
    }
}
