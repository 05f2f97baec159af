package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import dev.strata.source.Version;
import dev.strata.sql.SquashedMigration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the squash baselines of a folder mean for one database's history.
 *
 * <p>{@code strata squash --to V} replaces the files up to V with one baseline that keeps version V
 * and names in its header ({@code -- strata:squashes VERSION CHECKSUM NAME}) every migration it
 * replaces, with the checksum that file had. A database that applied those files one by one holds
 * the baseline's schema already: its history row for V carries the old file's checksum, and its
 * rows below V have no file any more. Such a history is kept as it is, and the baseline counts as
 * applied there ({@link MigrationState#EQUIVALENT}; never run, nothing written), the replaced rows
 * as {@link MigrationState#SQUASHED}. A database that applied only some of them can't be given the
 * baseline (it would run objects that exist) nor left without it (the rest is missing): it is
 * refused. A new database has none of them and runs the baseline like any migration.
 *
 * <p>A baseline that replaced an earlier baseline V also lists, marked {@code within=V}, the files V
 * replaced: a database holds V either by V's own row (it ran that baseline) or by all of those.
 *
 * @param equivalent the ids of the baselines this history holds through the files they replaced
 * @param covered    the ids of history rows that a baseline stands for (the replaced files' rows)
 * @param partial    the ids of the baselines this history holds only in part
 * @param problems   one per baseline in {@code partial}: what was applied, what not, what to do
 */
public record SquashedHistory(
        Set<String> equivalent, Set<String> covered, Set<String> partial, List<ValidationProblem> problems) {

    public SquashedHistory {
        equivalent = Set.copyOf(equivalent);
        partial = Set.copyOf(partial);
        covered = Set.copyOf(covered);
        problems = List.copyOf(problems);
    }

    /** Reads each file's squash header and judges the history against it. No database access. */
    public static SquashedHistory of(List<Migration> files, List<AppliedMigration> history) {
        Set<String> equivalent = new HashSet<>();
        Set<String> covered = new HashSet<>();
        Set<String> partial = new HashSet<>();
        List<ValidationProblem> problems = new ArrayList<>();
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        for (Migration file : files) {
            List<SquashedMigration> squashed =
                    SquashedMigration.readHeader(file.upSource(), file.upSql()).squashed();
            if (squashed.isEmpty()) {
                continue;
            }
            Rows rows = new Rows(applied, history, groups(squashed));
            List<SquashedMigration> replaced =
                    squashed.stream().filter(s -> s.within().isEmpty()).toList();
            AppliedMigration own = applied.get(file.version().id());
            boolean ranItself = own != null && own.checksum().equals(file.checksum());
            boolean anyApplied = squashed.stream().anyMatch(s -> rows.of(s.version()) != null);
            if (!ranItself && !anyApplied) {
                continue; // a new database: the baseline is pending and runs
            }
            // The replaced files' rows are the baseline's (or explained by the problem below), never missing files.
            squashed.stream()
                    .map(s -> rows.of(s.version()))
                    .filter(java.util.Objects::nonNull)
                    .forEach(row -> covered.add(row.version().id()));
            covered.remove(file.version().id());
            if (ranItself) {
                continue;
            }
            if (replaced.stream().allMatch(rows::holds)) {
                equivalent.add(file.version().id());
                continue;
            }
            partial.add(file.version().id());
            problems.add(partlySquashed(file, replaced, rows));
        }
        return new SquashedHistory(equivalent, covered, partial, problems);
    }

    private static ValidationProblem partlySquashed(Migration file, List<SquashedMigration> replaced, Rows rows) {
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (SquashedMigration s : replaced) {
            String label = s.name().isEmpty() ? s.version() : s.version() + "_" + s.name();
            if (rows.holds(s)) {
                present.add(label);
            } else if (!rows.anyOf(s)) {
                absent.add(label);
            } else {
                AppliedMigration row = rows.of(s.version());
                different.add(label
                        + (row != null && !row.success()
                                ? " (failed)"
                                : row != null ? " (applied from a different file)" : " (applied in part)"));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!present.isEmpty()) {
            parts.add("applied: " + summary(present));
        }
        if (!absent.isEmpty()) {
            parts.add("never applied: " + summary(absent));
        }
        if (!different.isEmpty()) {
            parts.add("recorded differently: " + String.join(", ", different));
        }
        return new ValidationProblem(
                "partly-squashed",
                file.upSource() + " is a squash baseline of " + replaced.size() + " migrations, and this"
                        + " database applied only some of them (" + String.join("; ", parts) + "). It can"
                        + " neither run the baseline (the objects of the applied ones exist) nor skip it."
                        + " Migrate it with the folder as it was before the squash (from version control)"
                        + " up to " + replaced.get(replaced.size() - 1).version()
                        + ", then with this folder.");
    }

    /** The directives that stand for an earlier baseline, by that baseline's version. */
    private static Map<String, List<SquashedMigration>> groups(List<SquashedMigration> squashed) {
        Map<String, List<SquashedMigration>> groups = new java.util.HashMap<>();
        squashed.stream()
                .filter(s -> !s.within().isEmpty())
                .forEach(s -> groups.computeIfAbsent(s.within(), v -> new ArrayList<>())
                        .add(s));
        return groups;
    }

    /** The history seen through one baseline's directives. */
    private record Rows(
            Map<String, AppliedMigration> applied,
            List<AppliedMigration> history,
            Map<String, List<SquashedMigration>> groups) {

        AppliedMigration of(String version) {
            return rowOf(version, applied, history);
        }

        /**
         * Whether the database holds what {@code s} stands for: its row with its checksum, or, for an
         * earlier baseline, every file that baseline replaced.
         */
        boolean holds(SquashedMigration s) {
            AppliedMigration row = of(s.version());
            if (row != null && row.success() && row.checksum().equals(s.checksum())) {
                return true;
            }
            List<SquashedMigration> group = groups.getOrDefault(s.version(), List.of());
            // A group member of the baseline's own version is that version's old file: only its row counts.
            return !group.isEmpty()
                    && group.stream()
                            .allMatch(member -> member.version().equals(s.version()) ? matches(member) : holds(member));
        }

        private boolean matches(SquashedMigration s) {
            AppliedMigration row = of(s.version());
            return row != null && row.success() && row.checksum().equals(s.checksum());
        }

        /** Whether any row of {@code s}, or of what it stands for, is in the history. */
        boolean anyOf(SquashedMigration s) {
            return of(s.version()) != null
                    || groups.getOrDefault(s.version(), List.of()).stream()
                            .anyMatch(member -> !member.version().equals(s.version()) && anyOf(member));
        }
    }

    /** The history row of a version as a directive writes it (its file's version text), or null. */
    static AppliedMigration rowOf(
            String version, Map<String, AppliedMigration> applied, List<AppliedMigration> history) {
        try {
            AppliedMigration row = applied.get(Version.parse(version).id());
            if (row != null) {
                return row;
            }
        } catch (IllegalArgumentException notDotted) {
            // diesel's dashed versions: found by their text below
        }
        return history.stream()
                .filter(row -> row.version().text().equals(version))
                .findFirst()
                .orElse(null);
    }

    private static String summary(List<String> labels) {
        return labels.size() <= 6
                ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, 3)) + ", ... " + labels.get(labels.size() - 1) + " ("
                        + labels.size() + ")";
    }
}
