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
