package dev.strata.backup;

import java.nio.file.Path;

/**
 * A restore that was made.
 *
 * @param database  the database, as named to people
 * @param file      the backup it came from
 * @param replaced  true when the database held something that the restore replaced (--force)
 */
public record RestoreResult(String database, Path file, boolean replaced) {}
