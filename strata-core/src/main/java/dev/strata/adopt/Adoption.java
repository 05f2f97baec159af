package dev.strata.adopt;

import dev.strata.source.Migration;
import dev.strata.source.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps another tool's history onto the migrations folder: which file each recorded migration is,
 * which records no file stands for, and which files changed since the tool ran them (where the
 * tool keeps a checksum: Flyway, SQLx). Reads nothing but its arguments.
 */
public final class Adoption {

    private Adoption() {}

    public static AdoptionPlan plan(ForeignHistory history, List<Migration> files) {
        Map<Migration, AdoptionPlan.Matched> matched = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Tool tool = history.tool();
        for (ForeignRow row : history.rows()) {
            if (!row.success()) {
                failed.add(tool.displayName() + " records " + row.shown() + " as failed; " + recovery(tool));
                continue;
            }
            switch (row.match()) {
                case VERSION ->
                    version(row.key())
                            .flatMap(v -> byVersion(files, v))
                            .ifPresentOrElse(
                                    file -> matched.putIfAbsent(file, matched(tool, file, row)),
                                    () -> unmatched.add(
                                            row.shown() + ": no file in the migrations folder has this version"));
                case UP_TO_VERSION -> upTo(files, row, matched, unmatched);
                case FILE_NAME ->
                    files.stream()
                            .filter(f -> f.upFile().getFileName().toString().equals(row.key()))
                            .findFirst()
                            .ifPresentOrElse(
                                    file -> matched.putIfAbsent(file, matched(tool, file, row)),
                                    () -> unmatched.add(row.shown() + ": no such file in the migrations folder"));
                case REPEATABLE ->
                    files.stream()
                            .filter(f -> f.version().repeatable() && sameDescription(f.name(), row.key()))
                            .findFirst()
                            .ifPresentOrElse(
                                    file -> matched.put(file, matched(tool, file, row)),
                                    () -> unmatched.add(row.shown() + ": no R__ file in the migrations folder has this"
                                            + " description"));
                case NONE ->
                    unmatched.add(row.shown() + ": " + tool.displayName() + " records only a revision id,"
                            + " which no SQL file carries; record the last migration the database has with"
                            + " 'strata baseline --version V' instead");
            }
        }
        return new AdoptionPlan(history, List.copyOf(matched.values()), unmatched, failed);
    }

    private static void upTo(
            List<Migration> files,
            ForeignRow row,
            Map<Migration, AdoptionPlan.Matched> matched,
            List<String> unmatched) {
        Optional<Version> last = version(row.key());
        if (last.isEmpty()) {
            unmatched.add(row.shown() + ": not a version strata can compare");
            return;
        }
        files.stream()
                .filter(f -> !f.version().repeatable() && f.version().compareTo(last.get()) <= 0)
                .forEach(file -> matched.putIfAbsent(file, new AdoptionPlan.Matched(file, row, Optional.empty())));
        if (byVersion(files, last.get()).isEmpty()) {
            unmatched.add(row.shown() + ": no file in the migrations folder has version " + row.key()
                    + "; the files below it were taken over");
        }
    }

    private static AdoptionPlan.Matched matched(Tool tool, Migration file, ForeignRow row) {
        Optional<String> theirs = row.checksum();
        Optional<String> ours = switch (tool) {
            case FLYWAY -> Optional.of(Integer.toString(FlywayChecksum.of(file.upSql())));
            case SQLX -> Optional.of(sha384(file.upSql()));
            default -> Optional.empty();
        };
        boolean differs =
                theirs.isPresent() && ours.isPresent() && !theirs.get().equalsIgnoreCase(ours.get());
        return new AdoptionPlan.Matched(
                file,
                row,
                differs
                        ? Optional.of(
                                file.upSource() + ": differs from what " + tool.displayName() + " ran (its checksum"
                                        + " changed); taken over as it is now, so make sure the edit is intended")
                        : Optional.empty());
    }

    private static Optional<Migration> byVersion(List<Migration> files, Version version) {
        return files.stream()
                .filter(f -> !f.version().repeatable() && f.version().sameAs(version))
                .findFirst();
    }

    private static Optional<Version> version(String key) {
        try {
            return Optional.of(Version.parse(key.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Flyway turns the underscores of {@code R__cheap_items.sql} into spaces: {@code cheap items}. */
    private static boolean sameDescription(String fileName, String description) {
        return fileName.replace('_', ' ').equalsIgnoreCase(description.replace('_', ' '));
    }

    private static String recovery(Tool tool) {
        return switch (tool) {
            case FLYWAY -> "clean up what it left, run 'flyway repair', then adopt.";
            case GOLANG_MIGRATE -> "the database is dirty; fix it by hand, run 'migrate force VERSION', then adopt.";
            case SQLX -> "clean up what it left and delete its row, as SQLx asks, then adopt.";
            default -> "finish or undo it with " + tool.displayName().toLowerCase(Locale.ROOT) + " first, then adopt.";
        };
    }

    private static String sha384(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-384").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-384", e);
        }
    }
}
