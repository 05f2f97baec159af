package dev.strata.dialect;

import dev.strata.history.AppliedMigration;
import java.util.List;

/**
 * What the engine expects of the history, checked inside the very write transaction that records
 * or reverts a migration, whenever another session may have written the history since this one
 * read it. On SQLite that transaction is the only lock there is, so a decision made on a history
 * read earlier (which migration to revert, which version is still free) is only safe once it has
 * been re-checked here.
 */
@FunctionalInterface
public interface HistoryGuard {

    /** Trusts the history as read: for sessions no other process writes to (a shadow database). */
    HistoryGuard NONE = current -> {};

    /**
     * @param current  every history row, as the write transaction sees it
     * @throws dev.strata.StrataException to refuse; the transaction is rolled back and nothing of it stays
     */
    void check(List<AppliedMigration> current);
}
