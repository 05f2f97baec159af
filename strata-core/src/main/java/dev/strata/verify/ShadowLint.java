package dev.strata.verify;

import dev.strata.StrataException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.WaitListener;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.LintSettings;
import dev.strata.lint.LintSource;
import dev.strata.lint.Linter;
import dev.strata.lint.Rules;
import dev.strata.lint.ShadowEffect;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lints the migrations folder with the schema each migration really meets and leaves, computed by
 * running every migration on the shadow database. When no shadow can be had (a PostgreSQL server
 * that can't be reached, say), it lints from the statements alone and says so in the report's notes.
 */
public final class ShadowLint {

    private ShadowLint() {}

    /**
     * @param pending lint only the migrations the database has not applied (reads its history)
     */
    public static LintReport run(StrataConfig config, boolean pending) {
        LintSettings settings = LintSettings.from(config);
        Linter linter = new Linter(settings);
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        Set<String> applied = pending ? applied(config) : Set.of();
        List<LintSource> sources = new ArrayList<>();
        Set<LintSource> linted = new HashSet<>();
        for (Migration migration : files) {
            LintSource source = new LintSource(migration.upSource(), migration.upSql());
            sources.add(source);
            if (!applied.contains(migration.version().id())) {
                linted.add(source);
            }
        }
        Linter.Run run = linter.start(Optional.empty());
        List<String> notes = new ArrayList<>();
        int next = 0;
        try (ShadowDatabase shadow = ShadowDatabase.create(config)) {
            for (; next < files.size(); next++) {
                LintSource source = sources.get(next);
                ShadowStep step;
                try {
                    step = shadow.apply(files.get(next));
                } catch (ShadowException e) {
                    failedOnShadow(e, linted.contains(source)).ifPresent(run::add);
                    notes.add("the schema-aware checks stop at " + files.get(next).upSource() + ", which does not"
                            + " apply on the shadow database " + shadow.description() + ".");
                    break;
                }
                // Each effect is used and let go at once: holding every schema of a long history adds up.
                run.next(source, linted.contains(source),
                        Optional.of(new ShadowEffect(step.before(), step.after(), step.changes())));
            }
        } catch (ShadowException | dev.strata.dialect.DatabaseException e) {
            notes.add("no shadow database (" + firstLine(e) + "); linted from the statements alone.");
        }
        for (; next < files.size(); next++) {
            run.next(sources.get(next), linted.contains(sources.get(next)), Optional.empty());
        }
        return run.finish(notes);
    }

    /** A statement that fails on a database built by the earlier migrations will fail for real too. */
    private static Optional<Finding> failedOnShadow(ShadowException e, boolean linted) {
        if (!linted || !(e.getCause() instanceof MigrationFailedException failed)) {
            return Optional.empty(); // a script that can't be prepared is reported by the statement rules
        }
        return Optional.of(new Finding(Rules.FAILS_ON_SHADOW, Rules.byId(Rules.FAILS_ON_SHADOW).orElseThrow()
                .defaultSeverity(), failed.source(), failed.line(), 1, "this statement fails on a database built by"
                + " the migrations before it: " + failed.databaseMessage(), "Fix the statement, or the migration that"
                + " should have prepared what it needs; it will fail the same way on any database built from this"
                + " folder."));
    }

    private static Set<String> applied(StrataConfig config) {
        Dialect dialect = Dialects.forUrl(config.url());
        try (Database database = dialect.open(config.url(), new HistorySettings(config.historyTable(),
                config.schema()), Dialect.Access.READ, WaitListener.SILENT)) {
            return database.appliedMigrations().stream().map(row -> row.version().id())
                    .collect(Collectors.toSet());
        }
    }

    private static String firstLine(StrataException e) {
        String message = e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }
}
