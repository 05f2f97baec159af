package dev.strata.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * A backup that was written and verified.
 *
 * @param database  the database, as named to people
 * @param file      the backup file, absolute
 * @param bytes     its size
 * @param pruned    older backups deleted to honour {@code keep}, oldest first
 */
public record BackupResult(String database, Path file, long bytes, List<Path> pruned) {

    public BackupResult {
        pruned = List.copyOf(pruned);
    }
}
