package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Joins the migrations folder with the history table: one pass, no database access. */
final class MigrationStates {

    private MigrationStates() {}

    static List<MigrationStatus> join(List<Migration> files, List<AppliedMigration> history) {
        Map<BigInteger, AppliedMigration> applied = byNumber(history);
        BigInteger highestApplied = history.stream().map(row -> row.version().number())
                .max(Comparator.naturalOrder()).orElse(null);
        List<MigrationStatus> rows = new ArrayList<>(Math.max(files.size(), history.size()));
        for (Migration file : files) {
            AppliedMigration row = applied.remove(file.version().number());
            if (row == null) {
                boolean outOfOrder = highestApplied != null && file.version().number().compareTo(highestApplied) < 0;
                rows.add(new MigrationStatus(file.version(), file.name(), MigrationState.PENDING,
                        Optional.of(file.upSource()), Optional.empty(), Optional.empty(), outOfOrder));
            } else {
                rows.add(new MigrationStatus(file.version(), file.name(), stateOf(file, row),
                        Optional.of(file.upSource()), Optional.of(row.appliedAt()), Optional.of(row.executionMs()),
                        false));
            }
        }
        for (AppliedMigration row : applied.values()) {
            rows.add(new MigrationStatus(row.version(), row.name(), row.success() ? MigrationState.MISSING
                    : MigrationState.FAILED, Optional.empty(), Optional.of(row.appliedAt()),
                    Optional.of(row.executionMs()), false));
        }
        rows.sort(Comparator.comparing(MigrationStatus::version));
        return rows;
    }

    static Map<BigInteger, AppliedMigration> byNumber(List<AppliedMigration> history) {
        Map<BigInteger, AppliedMigration> map = new HashMap<>(history.size() * 2);
        for (AppliedMigration row : history) {
            map.put(row.version().number(), row);
        }
        return map;
    }

    private static MigrationState stateOf(Migration file, AppliedMigration row) {
        if (!row.success()) {
            return MigrationState.FAILED;
        }
        return row.checksum().equals(file.checksum()) ? MigrationState.APPLIED : MigrationState.CHANGED;
    }
}
