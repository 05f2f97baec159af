package dev.strata.engine;

import dev.strata.dialect.HistoryGuard;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks a run makes, inside each write transaction, of a history that another process wrote
 * while this one waited for the lock. A run decides what to apply or revert on the history it read;
 * on SQLite it only gets the write lock later, once per migration. So before each step the history
 * must still be the one the decision was made on, apart from what this run itself did and what
 * another process did that this run would have done the same way: the same file applied (same
 * checksum), or a migration this run meant to revert already reverted.
 */
final class HistoryMoved {

    private HistoryMoved() {}

    /**
     * For {@code migrate}: every row the plan read, and every row this run wrote ({@code applied},
     * growing as the run goes), must still be there, and every row another process added must have
     * been written from this folder's file of that version, byte for byte (its checksum).
     */
    static HistoryGuard forMigrate(
            String database, List<Migration> files, List<AppliedMigration> planned, List<AppliedMigration> applied) {
        Map<String, Migration> fileById =
                files.stream().collect(Collectors.toMap(m -> m.version().id(), Function.identity(), (a, b) -> a));
        return current -> {
            Map<String, AppliedMigration> expected = byId(planned);
            expected.putAll(byId(applied));
            Map<String, AppliedMigration> now = byId(current);
            List<String> reasons = new ArrayList<>();
            for (AppliedMigration row : expected.values()) {
                AppliedMigration found = now.get(row.version().id());
                if (found == null) {
                    reasons.add(row.label() + " was reverted by another process; what comes after it may depend"
                            + " on it.");
                }
            }
            for (AppliedMigration row : current) {
                AppliedMigration known = expected.get(row.version().id());
                if (known != null && known.checksum().equals(row.checksum()) && known.success() == row.success()) {
                    continue;
                }
                Migration file = fileById.get(row.version().id());
                if (file == null) {
                    reasons.add(row.label() + " was recorded by another process, and no file of this folder has"
                            + " that version: another folder migrates this database.");
                } else if (!file.checksum().equals(row.checksum())) {
                    reasons.add(row.label() + " was recorded by another process from a file that differs from "
                            + file.upSource() + " (checksum " + abbreviated(row.checksum()) + ", this file "
                            + abbreviated(file.checksum()) + "): " + file.upSource() + " never ran here. Check which"
                            + " folder is meant to migrate this database.");
                } else if (!row.success()) {
                    reasons.add(row.label() + " failed part-way in another process; clean up, run 'strata repair',"
                            + " then migrate.");
                }
            }
            if (!reasons.isEmpty()) {
                throw new MigrationRefusedException(summary(database, applied.size(), "applied"), reasons);
            }
        };
    }

    /**
     * For {@code down}: the history must be the one the run selected from ({@code read}) minus what
     * it reverted, except that another process may have reverted some of what this run still means
     * to revert ({@code selected}); nothing may have been added, changed, or reverted beyond that.
     */
    static HistoryGuard forDown(
            String database,
            List<AppliedMigration> read,
            List<AppliedMigration> selected,
            Collection<AppliedMigration> reverted) {
        return current -> {
            Set<String> revertedIds =
                    reverted.stream().map(row -> row.version().id()).collect(Collectors.toSet());
            Set<String> selectedIds =
                    selected.stream().map(row -> row.version().id()).collect(Collectors.toSet());
            Map<String, AppliedMigration> expected = byId(read);
            expected.keySet().removeAll(revertedIds);
            Map<String, AppliedMigration> now = byId(current);
            List<String> reasons = new ArrayList<>();
            for (AppliedMigration row : current) {
                AppliedMigration known = expected.get(row.version().id());
                if (known == null) {
                    reasons.add(row.label() + " was applied by another process; it may depend on what this run"
                            + " would revert.");
                } else if (!known.checksum().equals(row.checksum()) || known.success() != row.success()) {
                    reasons.add(row.label() + " was changed by another process.");
                }
            }
            for (AppliedMigration row : expected.values()) {
                if (!now.containsKey(row.version().id())
                        && !selectedIds.contains(row.version().id())) {
                    reasons.add(row.label() + " was reverted by another process, beyond what this run reverts.");
                }
            }
            if (!reasons.isEmpty()) {
                throw new MigrationRefusedException(summary(database, reverted.size(), "reverted"), reasons);
            }
        };
    }

    private static String summary(String database, int done, String verb) {
        String progress = done == 0
                ? "nothing was " + verb
                : "the " + done + " migration" + (done == 1 ? "" : "s") + " this run " + verb + " before stay " + verb;
        return "stopped: the history of " + database + " changed while strata waited for its write lock, so " + progress
                + "; check 'strata status', then run the command again:";
    }

    private static Map<String, AppliedMigration> byId(List<AppliedMigration> rows) {
        Map<String, AppliedMigration> map = new LinkedHashMap<>();
        rows.forEach(row -> map.put(row.version().id(), row));
        return map;
    }

    private static String abbreviated(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }
}
