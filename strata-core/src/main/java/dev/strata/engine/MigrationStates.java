package dev.strata.engine;

import dev.strata.adopt.Adoption;
import dev.strata.adopt.AdoptionPlan;
import dev.strata.adopt.ForeignHistory;
import dev.strata.adopt.ForeignRow;
import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import dev.strata.source.Version;
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
        return join(files, history, List.of());
    }

    /**
     * The same, with the files that other tools' histories say are applied shown as
     * {@link MigrationState#ADOPTABLE} (only when strata's own history is empty, so {@code foreign}
     * is empty otherwise).
     */
    static List<MigrationStatus> join(
            List<Migration> files, List<AppliedMigration> history, List<ForeignHistory> foreign) {
        Map<Migration, ForeignRow> adoptable = new HashMap<>();
        for (ForeignHistory other : foreign) {
            for (AdoptionPlan.Matched m : Adoption.plan(other, files).matched()) {
                adoptable.putIfAbsent(m.file(), m.row());
            }
        }
        Map<String, AppliedMigration> applied = byId(history);
        SquashedHistory squashed = SquashedHistory.of(files, history);
        // A history row orders as its file does (diesel's versions order by text, which the row can't say).
        Map<String, Version> fileVersions = new HashMap<>(files.size() * 2);
        files.forEach(file -> fileVersions.putIfAbsent(file.version().id(), file.version()));
        Version highestApplied = history.stream()
                .map(AppliedMigration::version)
                .filter(v -> !v.repeatable())
                .map(v -> fileVersions.getOrDefault(v.id(), v))
                .max(Comparator.naturalOrder())
                .orElse(null);
        List<MigrationStatus> rows = new ArrayList<>(Math.max(files.size(), history.size()));
        for (Migration file : files) {
            AppliedMigration row = applied.remove(file.version().id());
            if (row == null && adoptable.containsKey(file)) {
                rows.add(new MigrationStatus(
                        file.version(),
                        file.name(),
                        MigrationState.ADOPTABLE,
                        Optional.of(file.upSource()),
                        adoptable.get(file).appliedAt(),
                        adoptable.get(file).executionMs(),
                        false));
            } else if (row == null) {
                boolean outOfOrder = highestApplied != null && file.version().compareTo(highestApplied) < 0;
                rows.add(new MigrationStatus(
                        file.version(),
                        file.name(),
                        MigrationState.PENDING,
                        Optional.of(file.upSource()),
                        Optional.empty(),
                        Optional.empty(),
                        outOfOrder));
            } else {
                rows.add(new MigrationStatus(
                        file.version(),
                        file.name(),
                        squashed.equivalent().contains(file.version().id())
                                ? MigrationState.EQUIVALENT
                                : stateOf(file, row),
                        Optional.of(file.upSource()),
                        Optional.of(row.appliedAt()),
                        Optional.of(row.executionMs()),
                        false));
            }
        }
        for (AppliedMigration row : applied.values()) {
            rows.add(new MigrationStatus(
                    row.version(),
                    row.name(),
                    !row.success()
                            ? MigrationState.FAILED
                            : squashed.covered().contains(row.version().id())
                                    ? MigrationState.SQUASHED
                                    : MigrationState.MISSING,
                    Optional.empty(),
                    Optional.of(row.appliedAt()),
                    Optional.of(row.executionMs()),
                    false));
        }
        rows.sort(Comparator.comparing(MigrationStatus::version));
        return rows;
    }

    /** The history rows by {@link Version#id()}, so that {@code 0001} finds the row of {@code 1}. */
    static Map<String, AppliedMigration> byId(List<AppliedMigration> history) {
        Map<String, AppliedMigration> map = new HashMap<>(history.size() * 2);
        for (AppliedMigration row : history) {
            map.put(row.version().id(), row);
        }
        return map;
    }

    /** Whether {@code file} has to run: never recorded, or a repeatable migration whose checksum changed. */
    static boolean needsRun(Migration file, Map<String, AppliedMigration> applied) {
        AppliedMigration row = applied.get(file.version().id());
        return row == null || file.version().repeatable() && !row.checksum().equals(file.checksum());
    }

    private static MigrationState stateOf(Migration file, AppliedMigration row) {
        if (!row.success()) {
            return MigrationState.FAILED;
        }
        if (row.checksum().equals(file.checksum())) {
            return MigrationState.APPLIED;
        }
        return file.version().repeatable() ? MigrationState.OUTDATED : MigrationState.CHANGED;
    }
}
