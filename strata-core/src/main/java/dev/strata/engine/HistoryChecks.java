package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.dialect.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks that compare the folder with the history and must pass before anything runs: shared
 * by {@code validate}, which lists them, and {@code migrate} and {@code down}, which refuse on them.
 */
final class HistoryChecks {

    private HistoryChecks() {}

    /** The problems of the joined rows; asks the database for leftovers only when something failed. */
    static List<ValidationProblem> check(List<MigrationStatus> rows, boolean outOfOrderAllowed, Database db) {
        boolean anyFailed = rows.stream().anyMatch(row -> row.state() == MigrationState.FAILED);
        return problems(rows, outOfOrderAllowed, anyFailed ? db.leftovers() : List.of());
    }

    /**
     * The same, and one problem per other tool's history that {@link ForeignHistories#find} returned:
     * running migrations there would run again what that tool already ran.
     */
    static List<ValidationProblem> check(
            List<MigrationStatus> rows,
            boolean outOfOrderAllowed,
            Database db,
            List<ForeignHistory> foreign,
            SquashedHistory squashed) {
        List<ValidationProblem> problems = new ArrayList<>(squashed.problems());
        for (ForeignHistory other : foreign) {
            boolean ownHistory = rows.stream()
                    .anyMatch(row -> row.state() != MigrationState.PENDING && row.state() != MigrationState.ADOPTABLE);
            String count = other.rows().size() + " " + (other.rows().size() == 1 ? "row" : "rows");
            problems.add(new ValidationProblem(
                    "adoptable",
                    ownHistory
                            ? db.description() + ": " + other.shown() + " holds " + count
                                    + " that strata has not recorded"
                                    + " (applied by wrangler since). Run 'strata adopt' to take them over, so that nothing runs"
                                    + " twice."
                            : db.description() + " has no strata history yet, but holds the history of " + other.shown()
                                    + " with " + count
                                    + ". Run 'strata adopt' to take it over, so that nothing runs twice (or"
                                    + " 'strata baseline --version V' if it can't be matched)."));
        }
        // A baseline held in part is explained above; its row's other checksum is no edit to restore.
        check(rows, outOfOrderAllowed, db).stream()
                .filter(problem -> !problem.kind().equals("changed")
                        || rows.stream()
                                .noneMatch(row -> squashed.partial()
                                                .contains(row.version().id())
                                        && row.file().isPresent()
                                        && problem.message()
                                                .startsWith(row.file().get() + ":")))
                .forEach(problems::add);
        return problems;
    }

    private static List<ValidationProblem> problems(
            List<MigrationStatus> rows, boolean outOfOrderAllowed, List<String> leftovers) {
        List<ValidationProblem> problems = new ArrayList<>();
        String highestApplied = rows.stream()
                .filter(row ->
                        row.state() != MigrationState.PENDING && !row.version().repeatable())
                .reduce((first, second) -> second)
                .map(row -> row.version().text())
                .orElse("");
        for (MigrationStatus row : rows) {
            String label = label(row);
            switch (row.state()) {
                case CHANGED ->
                    problems.add(new ValidationProblem(
                            "changed",
                            row.file().orElseThrow()
                                    + ": edited after it was applied (its checksum differs from the one recorded). Restore it as"
                                    + " it was applied and put the change in a new migration."));
                case MISSING ->
                    problems.add(new ValidationProblem(
                            "missing",
                            label + " is recorded as applied but its"
                                    + " file is gone from the migrations folder. Restore the file."));
                case FAILED ->
                    problems.add(new ValidationProblem(
                            "failed",
                            label + " ran outside a transaction and"
                                    + " failed part-way at "
                                    + row.appliedAt().map(Object::toString).orElse("an unknown time")
                                    + (leftovers.isEmpty()
                                            ? "; no leftovers were found."
                                            : "; leftovers found: " + String.join("; ", leftovers) + ".")
                                    + " Clean up by hand, then run 'strata repair' and 'strata migrate'."));
                case PENDING -> {
                    if (row.outOfOrder() && !outOfOrderAllowed) {
                        problems.add(new ValidationProblem(
                                "out-of-order",
                                row.file().orElseThrow()
                                        + ": pending, but version " + highestApplied
                                        + " is already applied. Renumber it above "
                                        + highestApplied + ", or apply it anyway with --out-of-order."));
                    }
                }
                case APPLIED, OUTDATED, ADOPTABLE, EQUIVALENT, SQUASHED -> {}
            }
        }
        return problems;
    }

    static String label(MigrationStatus row) {
        return row.name().isEmpty() || row.version().repeatable()
                ? row.version().text()
                : row.version().text() + "_" + row.name();
    }
}
