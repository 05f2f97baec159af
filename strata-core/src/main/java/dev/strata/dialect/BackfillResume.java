package dev.strata.dialect;

import dev.strata.sql.Backfill;
import dev.strata.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a migration with a backfill, recorded as failed, goes on from. A no-transaction migration is
 * recorded as failed before its first statement and stays so until its last has run, so a kill or
 * a failing batch in the middle of a backfill leaves a failed row; normally that stops every later
 * run until someone cleans up and runs {@code repair}. A backfill is different: its progress row,
 * committed with each batch, says exactly how far it came, so running the file again can skip what
 * is known to have run and go on from there:
 * <ul>
 *   <li>the statements before the last backfill that has a progress row all ran (that row is written
 *       only once the statements before it have succeeded), so they are skipped;</li>
 *   <li>that backfill goes on after its last committed key; no batch runs twice;</li>
 *   <li>when that backfill was done and nothing follows it, only the history row is left to mark;</li>
 *   <li>when it was done and statements follow, one of those failed part-way, and strata can't tell
 *       which of them took effect: that is not resumed, and stays for {@code repair} as before.</li>
 * </ul>
 * The file must be the one that failed (same checksum), or its statements may not be the ones that
 * ran; a migration without a progress row never got to its backfill, and is not resumed either.
 */
public final class BackfillResume {

    private BackfillResume() {}

    /**
     * @param saved the progress rows of the migration's version, by the line of their UPDATE
     * @return the index in {@code up.statements()} of the first statement to run again (the size of the
     *         list when nothing is left but the history row); empty when it can't be resumed
     */
    public static Optional<Integer> startIndex(ExecutableScript up, Map<Integer, BackfillRun.Saved> saved) {
        List<Statement> statements = up.statements();
        for (int i = statements.size() - 1; i >= 0; i--) {
            Optional<Backfill> backfill = up.backfillOf(statements.get(i));
            if (backfill.isEmpty() || !saved.containsKey(backfill.get().line())) {
                continue;
            }
            if (!saved.get(backfill.get().line()).done()) {
                return Optional.of(i);
            }
            return i == statements.size() - 1 ? Optional.of(statements.size()) : Optional.empty();
        }
        return Optional.empty();
    }

    /** What resuming does, for the note printed before it runs. */
    public static String describe(ExecutableScript up, Map<Integer, BackfillRun.Saved> saved, int start) {
        if (start >= up.statements().size()) {
            return up.source() + ": recorded as failed after its backfill had finished; it is marked applied.";
        }
        Statement statement = up.statements().get(start);
        BackfillRun.Saved progress = saved.get(statement.line());
        return up.source() + ": recorded as failed part-way through the backfill at line " + statement.line()
                + "; it goes on "
                + progress.lastKey().map(key -> "after key " + key).orElse("from the first key")
                + String.format(java.util.Locale.ROOT, " (%,d rows done before)", progress.rows())
                + (start == 0
                        ? "."
                        : ", without running again the " + (start == 1 ? "statement" : start + " statements")
                                + " before it, which had run.");
    }
}
