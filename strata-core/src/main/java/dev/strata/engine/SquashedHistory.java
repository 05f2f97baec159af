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
            AppliedMigration own = applied.get(file.version().id());
            if (own != null && own.checksum().equals(file.checksum())) {
                // Applied as the baseline itself; rows of replaced files (applied before an earlier run of
                // this same baseline is impossible, but a history may still hold them) are its.
                squashed.forEach(s -> covered.add(idIn(s.version(), applied, history)));
                covered.remove(file.version().id());
                continue;
            }
            List<String> present = new ArrayList<>();
            List<String> absent = new ArrayList<>();
            List<String> different = new ArrayList<>();
            for (SquashedMigration s : squashed) {
                AppliedMigration row = rowOf(s.version(), applied, history);
                String label = s.name().isEmpty() ? s.version() : s.version() + "_" + s.name();
                if (row == null) {
                    absent.add(label);
                } else if (!row.success() || !row.checksum().equals(s.checksum())) {
                    different.add(label + (row.success() ? " (applied from a different file)" : " (failed)"));
                } else {
                    present.add(label);
                }
            }
            if (present.isEmpty() && different.isEmpty()) {
                continue; // a new database: the baseline is pending and runs
            }
            if (absent.isEmpty() && different.isEmpty()) {
                equivalent.add(file.version().id());
                squashed.forEach(s -> covered.add(idIn(s.version(), applied, history)));
                covered.remove(file.version().id());
                continue;
            }
            partial.add(file.version().id());
            // The replaced files' rows are explained by the problem below, not reported as missing files.
            squashed.forEach(s -> covered.add(idIn(s.version(), applied, history)));
            covered.remove(file.version().id());
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
            problems.add(new ValidationProblem(
                    "partly-squashed",
                    file.upSource() + " is a squash baseline of " + squashed.size() + " migrations, and this"
                            + " database applied only some of them (" + String.join("; ", parts) + "). It can"
                            + " neither run the baseline (the objects of the applied ones exist) nor skip it."
                            + " Migrate it with the folder as it was before the squash (from version control)"
                            + " up to " + squashed.get(squashed.size() - 1).version()
                            + ", then with this folder."));
        }
        return new SquashedHistory(equivalent, covered, partial, problems);
    }

    /** The history row of a version as a directive writes it (its file's version text), or null. */
    private static AppliedMigration rowOf(
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

    private static String idIn(String version, Map<String, AppliedMigration> applied, List<AppliedMigration> history) {
        AppliedMigration row = rowOf(version, applied, history);
        return row == null ? version : row.version().id();
    }

    private static String summary(List<String> labels) {
        return labels.size() <= 6
                ? String.join(", ", labels)
                : String.join(", ", labels.subList(0, 3)) + ", ... " + labels.get(labels.size() - 1) + " ("
                        + labels.size() + ")";
    }
}
