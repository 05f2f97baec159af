package dev.strata.engine;

import dev.strata.adopt.ForeignHistory;
import dev.strata.adopt.ForeignRow;
import dev.strata.adopt.Tool;
import dev.strata.config.HistoryMirror;
import dev.strata.dialect.Database;
import dev.strata.history.AppliedMigration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which other tools' histories a run must take into account.
 *
 * <p>While strata's own history is empty, every other tool's: running migrations then would run
 * again what that tool ran. Once strata keeps a history, it is the record and other tools' tables
 * are their own business, with one exception: with {@code history = "d1"} wrangler's d1_migrations
 * is shared, so a migration wrangler applied since (a row strata did not write) must be adopted
 * before strata runs anything, or strata would run it a second time.
 */
final class ForeignHistories {

    private ForeignHistories() {}

    static List<ForeignHistory> find(Database db, List<AppliedMigration> history, HistoryMirror mirror) {
        if (history.isEmpty()) {
            return db.foreignHistories();
        }
        if (mirror != HistoryMirror.D1) {
            return List.of();
        }
        Set<String> recorded = history.stream().map(row -> row.label() + ".sql").collect(Collectors.toSet());
        return db.foreignHistories().stream()
                .filter(other -> other.tool() == Tool.WRANGLER)
                .map(other -> new ForeignHistory(
                        other.tool(),
                        other.table(),
                        other.rows().stream()
                                .filter(row ->
                                        !(row.match() == ForeignRow.Match.FILE_NAME && recorded.contains(row.key())))
                                .toList()))
                .filter(other -> !other.rows().isEmpty())
                .toList();
    }
}
