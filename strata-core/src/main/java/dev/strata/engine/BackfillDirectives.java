package dev.strata.engine;

import dev.strata.sql.Backfill;
import dev.strata.sql.Directive;
import dev.strata.sql.SqlScript;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqlSyntaxException;
import dev.strata.sql.TokenizedScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The file's {@code -- strata:backfill} directives, each read with the UPDATE right after it as
 * {@link Backfill#read} reads it. A backfill commits batch by batch, so it is allowed only in a
 * file that runs outside strata's transaction; in a transactional file the batches would all be one
 * transaction again, holding every row's lock to the end, so the file is refused instead.
 */
final class BackfillDirectives {

    private BackfillDirectives() {}

    /** A failed migration that goes on with its interrupted backfill, and what that does. */
    record Resumed(dev.strata.dialect.ExecutableScript script, String note) {}

    /**
     * The migrations recorded as failed that {@code migrate} goes on with where their backfill stopped,
     * instead of refusing them, by version id: the same file (checksum) as the failed row, prepared
     * without problems, on a database that says how far it came ({@link
     * dev.strata.dialect.Database#resumable}). Every other failed row is refused as before. Asked by
     * migrate and validate alike, so that validate does not report what migrate will finish.
     */
    static java.util.Map<String, Resumed> resumed(
            List<dev.strata.source.Migration> files,
            java.util.Map<String, dev.strata.history.AppliedMigration> applied,
            dev.strata.dialect.Database db,
            SqlSplitter splitter) {
        java.util.Map<String, Resumed> resumed = new java.util.HashMap<>();
        for (dev.strata.source.Migration migration : files) {
            dev.strata.history.AppliedMigration row =
                    applied.get(migration.version().id());
            if (row == null || row.success() || !row.checksum().equals(migration.checksum())) {
                continue;
            }
            ScriptPreparer.Prepared prepared = ScriptPreparer.prepareMigration(migration, splitter);
            if (!prepared.ok() || prepared.script().backfills().isEmpty()) {
                continue;
            }
            db.resumable(row, prepared.script())
                    .ifPresent(note -> resumed.put(migration.version().id(), new Resumed(prepared.script(), note)));
        }
        return resumed;
    }

    static List<Backfill> read(
            String source,
            String text,
            SqlScript parsed,
            SqlSplitter splitter,
            boolean transactional,
            String why,
            List<String> problems) {
        List<Directive> directives = parsed.directives().stream()
                .filter(d -> d.name().equals(Backfill.NAME))
                .toList();
        if (directives.isEmpty()) {
            return List.of();
        }
        List<TokenizedScript.Part> parts;
        try {
            parts = splitter.tokenize(source, text).statements();
        } catch (SqlSyntaxException e) {
            return List.of(); // the split already reported it
        }
        List<Backfill> backfills = new ArrayList<>();
        for (Directive directive : directives) {
            String where = source + ":" + directive.line() + ": '-- strata:backfill'";
            if (transactional) {
                problems.add(where + " needs a migration that runs outside strata's transaction, so that each batch"
                        + " commits on its own; but " + why + ". Put '-- strata:no-transaction' on the file's first"
                        + " line, and keep the backfill in a file of its own (what runs before it stays applied).");
                continue;
            }
            TokenizedScript.Part next = parts.stream()
                    .filter(p -> p.statement().line() > directive.line())
                    .findFirst()
                    .orElse(null);
            Backfill.Read read = Backfill.read(where, directive, next);
            if (!read.ok()) {
                problems.add(read.problem());
                continue;
            }
            boolean taken =
                    backfills.stream().anyMatch(b -> b.line() == read.backfill().line());
            if (taken) {
                problems.add(where + ": the UPDATE at line " + read.backfill().line() + " already has a backfill"
                        + " directive; keep one.");
                continue;
            }
            backfills.add(read.backfill());
        }
        return backfills;
    }
}
