package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.config.HistoryMirror;
import dev.strata.dialect.Database;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.MigrationSourceException;
import dev.strata.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code strata validate}: every check migrate would make, plus a parse of every down script,
 * collected into one report instead of stopping at the first. Reads only.
 */
final class Validator {

    private final SqlSplitter splitter;
    private final HistoryMirror mirror;

    Validator(SqlSplitter splitter, HistoryMirror mirror) {
        this.splitter = splitter;
        this.mirror = mirror;
    }

    /** A report for a folder that could not be read as migrations at all. */
    static ValidationReport sourceProblems(String database, MigrationSourceException e) {
        return new ValidationReport(
                database,
                0,
                e.problems().stream()
                        .map(problem -> new ValidationProblem("source", problem))
                        .toList());
    }

    ValidationReport validate(List<Migration> files, Database db, boolean outOfOrderAllowed) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<AppliedMigration> history = db.appliedMigrations();
        List<ForeignHistory> foreign = ForeignHistories.find(db, history, mirror);
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        // A failed migration whose backfill migrate will go on with is not a problem to clean up.
        Map<String, BackfillDirectives.Resumed> resumed = BackfillDirectives.resumed(files, applied, db, splitter);
        problems.addAll(HistoryChecks.check(
                MigrationStates.join(files, history, foreign).stream()
                        .filter(row -> row.state() != MigrationState.FAILED
                                || !resumed.containsKey(row.version().id()))
                        .toList(),
                outOfOrderAllowed,
                db,
                foreign,
                SquashedHistory.of(files, history)));
        for (Migration file : files) {
            if (MigrationStates.needsRun(file, applied)) {
                ScriptPreparer.prepareMigration(file, splitter)
                        .problems()
                        .forEach(problem -> problems.add(new ValidationProblem("syntax", problem)));
            }
        }
        for (Migration file : files) {
            if (file.downFile().isPresent() && !markedIrreversible(file, problems)) {
                checkDown(file, problems);
            }
        }
        return new ValidationReport(db.description(), files.size(), problems);
    }

    /** An empty down script says the migration is irreversible (diesel's convention), which is not a fault. */
    private static boolean markedIrreversible(Migration file, List<ValidationProblem> problems) {
        try {
            return MigrationDirectory.markedIrreversible(file);
        } catch (MigrationSourceException e) {
            e.problems().forEach(problem -> problems.add(new ValidationProblem("source", problem)));
            return true;
        }
    }

    private void checkDown(Migration file, List<ValidationProblem> problems) {
        try {
            check(MigrationDirectory.downSource(file).orElseThrow(), MigrationDirectory.readDown(file), problems);
        } catch (MigrationSourceException e) {
            e.problems().forEach(problem -> problems.add(new ValidationProblem("source", problem)));
        }
    }

    private void check(String source, String text, List<ValidationProblem> problems) {
        ScriptPreparer.prepareToRun(source, text, splitter)
                .problems()
                .forEach(problem -> problems.add(new ValidationProblem("syntax", problem)));
    }
}
