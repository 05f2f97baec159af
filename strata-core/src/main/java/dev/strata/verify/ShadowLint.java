package dev.strata.verify;

import dev.strata.StrataException;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.WaitListener;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.lint.LintSettings;
import dev.strata.lint.LintSource;
import dev.strata.lint.Linter;
import dev.strata.lint.RowsHere;
import dev.strata.lint.Rules;
import dev.strata.lint.ShadowEffect;
import dev.strata.shadow.ShadowDatabase;
import dev.strata.shadow.ShadowException;
import dev.strata.shadow.ShadowStep;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one analysis behind both {@code strata lint} and the gate in front of {@code migrate}: every
 * migration's statements, read with the schema it really meets and leaves, computed by running the
 * folder on the shadow database. Given the database to be migrated, each finding about deleting rows
 * is also judged by the rows that are there (see {@link RowCounts}). When no shadow can be had (a
 * PostgreSQL server that can't be reached, say), it lints from the statements alone and says so in
 * the report's notes.
 */
public final class ShadowLint {

    private ShadowLint() {}

    /** {@code strata lint} of the whole migrations folder, without a database: judged by the statements. */
    public static LintReport run(StrataConfig config, WaitListener waits) {
        List<Migration> files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        return analyse(config, files, migration -> true, Optional.empty(), waits);
    }

    /**
     * @param files  every migration of the folder, in the order they run
     * @param linted the migrations to report on; the others only build the schema
     * @param live   the database the linted migrations are about to run on, read only: findings about
     *               deleting rows are judged by its rows; empty to judge by the statements alone
     * @param waits  told when another strata run holds the configured shadow and this one waits
     */
    public static LintReport analyse(
            StrataConfig config,
            List<Migration> files,
            Predicate<Migration> linted,
            Optional<Database> live,
            WaitListener waits) {
        LintSettings settings = LintSettings.from(config);
        Linter linter = new Linter(settings);
        List<LintSource> sources = files.stream()
                .map(m -> new LintSource(m.upSource(), m.upSql(), Optional.of(m.version())))
                .toList();
        Linter.Run run = linter.start(Optional.empty());
        List<String> notes = new ArrayList<>();
        int next = 0;
        int shadowed = live.isPresent() ? lastThatMayDeleteRows(files, sources, linted, settings) + 1 : files.size();
        try (ShadowDatabase shadow = shadowed == 0 ? null : ShadowDatabase.create(config, waits)) {
            // Reading the live schema costs a catalog query: only when some pending migration may delete rows.
            Optional<RowCounts> counts =
                    shadowed == 0 ? Optional.empty() : live.map(db -> new RowCounts(db, settings.target()));
            for (; next < shadowed; next++) {
                Migration migration = files.get(next);
                boolean lint = linted.test(migration);
                RowsHere rows = RowsHere.UNKNOWN;
                if (lint && counts.isPresent()) {
                    rows = rowsHere(counts.get(), next, files, sources, linted, shadow, notes);
                }
                Optional<ShadowEffect> effect = Optional.empty();
                try {
                    if (lint) {
                        effect = Optional.of(effect(shadow.apply(migration)));
                    } else {
                        // A migration that is not linted only teaches the linter the schema, which its
                        // statements do until the next linted one starts from the shadow's, read then:
                        // a read after every applied file cost more than running them (tens of
                        // milliseconds each on PostgreSQL).
                        shadow.applyWithoutReading(migration);
                    }
                } catch (ShadowException e) {
                    failedOnShadow(e, lint).ifPresent(run::add);
                    notes.add("the schema-aware checks stop at " + migration.upSource() + ", which does not"
                            + " apply on the shadow database " + shadow.description() + ".");
                    break;
                }
                // Each effect is used and let go at once: holding every schema of a long history adds up.
                run.next(sources.get(next), lint, effect, rows, settings.neverBlocks(migration.version()));
            }
        } catch (ShadowException | DatabaseException e) {
            notes.add("no shadow database (" + firstLine(e) + "); linted from the statements alone.");
        }
        for (; next < files.size(); next++) {
            Migration migration = files.get(next);
            run.next(
                    sources.get(next),
                    linted.test(migration),
                    Optional.empty(),
                    RowsHere.UNKNOWN,
                    settings.neverBlocks(migration.version()));
        }
        return run.finish(notes);
    }

    /**
     * The index of the last linted migration with a statement that may delete rows, or -1. Judging
     * pending migrations, the shadow runs only up to it: the rows such a statement would delete are
     * the only thing the gate must know that the statements can't tell, and the shadow costs a run of
     * every migration before it (seconds for thousands of files, more on PostgreSQL). The migrations
     * after it are read from their statements, as is everything when no pending migration deletes.
     */
    private static int lastThatMayDeleteRows(
            List<Migration> files, List<LintSource> sources, Predicate<Migration> linted, LintSettings settings) {
        for (int i = files.size() - 1; i >= 0; i--) {
            if (linted.test(files.get(i))
                    && !RowsHere.tablesAtRisk(sources.get(i), settings.target()).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** The rows where migration {@code index} starts; unknown (statements decide) when they can't be counted. */
    private static RowsHere rowsHere(
            RowCounts counts,
            int index,
            List<Migration> files,
            List<LintSource> sources,
            Predicate<Migration> linted,
            ShadowDatabase shadow,
            List<String> notes) {
        Supplier<List<LintSource>> pending = () -> {
            List<LintSource> fromHere = new ArrayList<>();
            for (int i = index; i < files.size(); i++) {
                if (linted.test(files.get(i))) {
                    fromHere.add(sources.get(i));
                }
            }
            return fromHere;
        };
        try {
            return counts.before(sources.get(index), shadow, pending);
        } catch (DatabaseException e) {
            notes.add("the rows of the tables " + files.get(index).upSource() + " deletes from could not be counted ("
                    + firstLine(e) + "); its findings are judged by the statements alone.");
            return RowsHere.UNKNOWN;
        }
    }

    private static ShadowEffect effect(ShadowStep step) {
        return new ShadowEffect(step.before(), step.after(), step.changes());
    }

    /** A statement that fails on a database built by the earlier migrations will fail for real too. */
    private static Optional<Finding> failedOnShadow(ShadowException e, boolean linted) {
        if (!linted || !(e.getCause() instanceof MigrationFailedException failed)) {
            return Optional.empty(); // a script that can't be prepared is reported by the statement rules
        }
        return Optional.of(new Finding(
                Rules.FAILS_ON_SHADOW,
                Rules.byId(Rules.FAILS_ON_SHADOW).orElseThrow().defaultSeverity(),
                failed.source(),
                failed.line(),
                1,
                "this statement fails on a database built by" + " the migrations before it: "
                        + failed.databaseMessage(),
                "Fix the statement, or the migration that"
                        + " should have prepared what it needs; it will fail the same way on any database built from this"
                        + " folder."));
    }

    private static String firstLine(StrataException e) {
        String message = e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }
}
