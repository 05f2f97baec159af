package dev.strata.backup;

import dev.strata.config.StrataConfig;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backups and restores of the configured database, the same for every engine: where files go, how
 * they are named and protected, which old ones are pruned, and what is checked before a restore
 * touches anything. The copying itself is the engine's {@link BackupTool}.
 *
 * <p>A backup is written to a hidden temporary file beside its destination, verified, and only then
 * renamed into place, so a backup file that exists is always whole. Files and the backups folder
 * are created readable by their owner only: a backup holds every row of the database.
 */
public final class Backups {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String STAMP_PATTERN = "\\d{8}T\\d{6}\\.\\d{3}Z";
    /** The start of a backup's temporary name, followed by the id of the strata process writing it. */
    private static final String PARTIAL = ".strata-backup-";

    private static final Pattern LEFTOVER = Pattern.compile(Pattern.quote(PARTIAL) + "(\\d{1,18})-\\d+\\.part");

    private final StrataConfig config;
    private final BackupTool tool;
    private final Map<String, String> environment;
    private final Clock clock;

    /**
     * @param environment the process environment, for the tool ({@code PATH})
     */
    public Backups(StrataConfig config, BackupTool tool, Map<String, String> environment, Clock clock) {
        this.config = config;
        this.tool = tool;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    /** The folder default backups go to. */
    public Path folder() {
        return config.projectDir().resolve(StrataConfig.BACKUPS_DIR);
    }

    /**
     * Backs the database up to {@code out} (relative to the project folder), or to a new file named
     * after the database and the time in the backups folder; then, for the latter, deletes the
     * oldest backups of this database beyond the environment's {@code keep}.
     *
     * @throws BackupException when there is nothing to back up, {@code out} exists, or the copy failed
     */
    public BackupResult backup(Optional<Path> out) {
        String database = config.url().display();
        if (!tool.exists(config.url())) {
            throw new BackupException("nothing to back up: " + database + " does not exist yet.");
        }
        Path target =
                out.map(file -> config.projectDir().resolve(file).normalize()).orElseGet(this::newDefaultFile);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new BackupException(target + " already exists; strata never overwrites a backup. Name another"
                    + " file, or delete that one first.");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path partial = null;
        try {
            createFolder(parent);
            removeLeftovers(parent);
            partial = Files.createTempFile(
                    parent, PARTIAL + ProcessHandle.current().pid() + "-", ".part", ownerOnly("rw-------"));
            tool.backup(config.url(), partial, environment);
            tool.verify(partial, environment);
            placeExclusively(partial, target);
            long bytes = Files.size(target);
            List<Path> pruned = out.isEmpty() ? prune() : List.of();
            return new BackupResult(database, target, bytes, pruned);
        } catch (IOException e) {
            throw new BackupException("could not write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    /**
     * Replaces the database's content with the backup {@code file}. The file is read through first,
     * and a database that holds anything is only replaced with {@code force}; whatever goes wrong,
     * the database is left as it was.
     *
     * @throws BackupException when the file is missing, not a backup, damaged or truncated; when the
     *                         database is not empty and {@code force} is false; or when the restore failed
     */
    public RestoreResult restore(Path file, boolean force) {
        Path source = config.projectDir().resolve(file).normalize();
        String database = config.url().display();
        if (!Files.isRegularFile(source)) {
            throw new BackupException(source + (Files.exists(source) ? " is not a file" : " does not exist")
                    + "; give the backup file to restore, e.g. " + StrataConfig.BACKUPS_DIR + "/NAME."
                    + tool.extension());
        }
        tool.verify(source, environment);
        boolean replaced;
        try {
            replaced = tool.restore(config.url(), source, environment, force);
        } catch (DatabaseNotEmptyException e) {
            throw new BackupException(database + " is not empty; restoring " + source.getFileName() + " would"
                    + " replace everything in it. Nothing was changed. Back it up first ('strata backup'), then"
                    + " restore with --force.");
        }
        return new RestoreResult(database, source, replaced);
    }

    /**
     * The start of this database's default backup names: its name, then a short digest of where it
     * is (the file's absolute path, or the server and database), so that {@code prod/app.db} and
     * {@code staging/app.db}, or two servers' {@code app}, never share names and {@code keep} prunes
     * only this database's backups. Neither part holds a password.
     */
    private String prefix() {
        String where = config.url()
                .sqliteFile()
                .map(file -> file.toAbsolutePath().normalize().toString())
                .orElseGet(() -> config.url().jdbcUrl().replaceFirst("\\?.*$", ""));
        String digest = dev.strata.source.Checksums.sha256(where).substring(0, 8);
        return tool.databaseName(config.url()) + "-" + digest + "-";
    }

    private Path newDefaultFile() {
        String prefix = prefix();
        Instant now = clock.instant();
        Path file = folder().resolve(prefix + STAMP.format(now) + "." + tool.extension());
        while (Files.exists(file)) {
            // Two backups within one millisecond: the names still sort in the order they were made.
            now = now.plusMillis(1);
            file = folder().resolve(prefix + STAMP.format(now) + "." + tool.extension());
        }
        return file;
    }

    /**
     * Deletes the temporary files of backups whose strata process is gone (killed while it wrote
     * them): each holds rows of a database. A file of a process that is still running is another
     * backup being written, and is left alone; a process id reused since can only keep a leftover,
     * never delete a file in use.
     */
    private static void removeLeftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                java.util.regex.Matcher name =
                        LEFTOVER.matcher(file.getFileName().toString());
                if (name.matches()
                        && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
                    deleteQuietly(file);
                }
            }
        }
    }

    /** Deletes this database's oldest default-named backups beyond {@code keep}; returns them. */
    private List<Path> prune() throws IOException {
        if (config.settings().keep().isEmpty()) {
            return List.of();
        }
        int keep = config.settings().keep().getAsInt();
        Pattern ours = Pattern.compile(Pattern.quote(prefix()) + STAMP_PATTERN + Pattern.quote("." + tool.extension()));
        List<Path> backups;
        try (Stream<Path> files = Files.list(folder())) {
            // The time stamp is fixed-width, so the names sort oldest first.
            backups = files.filter(f -> ours.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
        List<Path> pruned = new ArrayList<>();
        for (Path old : backups.subList(0, Math.max(0, backups.size() - keep))) {
            Files.deleteIfExists(old);
            pruned.add(old);
        }
        return pruned;
    }

    private static void createFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, ownerOnly("rwx------"));
        }
    }

    /**
     * Gives the finished backup its name only if nothing has that name: a hard link, which the file
     * system refuses when the name exists (a file, a folder, or a symbolic link, never followed), or
     * where links are not supported a copy into a file created exclusively. A rename would replace a
     * file that appeared while the backup was written. The temporary name is deleted by the caller.
     */
    private static void placeExclusively(Path partial, Path target) throws IOException {
        try {
            try {
                Files.createLink(target, partial);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.copy(partial, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new BackupException(target + " appeared while the backup was being written; it was left alone and"
                    + " this backup discarded. Run the backup again.");
        }
    }

    /** Owner-only permissions where the file system has POSIX permissions; none to ask for elsewhere. */
    private static FileAttribute<?>[] ownerOnly(String permissions) {
        try {
            return java.nio.file.FileSystems.getDefault()
                            .supportedFileAttributeViews()
                            .contains("posix")
                    ? new FileAttribute<?>[] {
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                    }
                    : new FileAttribute<?>[0];
        } catch (UnsupportedOperationException e) {
            return new FileAttribute<?>[0];
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover hidden .part file is harmless; the failure that got us here is what matters.
        }
    }
}
