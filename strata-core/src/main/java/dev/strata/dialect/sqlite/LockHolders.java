package dev.strata.dialect.sqlite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which processes hold file locks on a SQLite database, where the operating system says: Linux lists
 * every POSIX lock in {@code /proc/locks} with the holder's process id and the file's inode. SQLite
 * locks the database file (and, in WAL mode, its {@code -shm} file) that way. Elsewhere nothing is
 * known, and the answer is empty.
 */
final class LockHolders {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolders() {}

    /**
     * A sentence naming the processes that hold locks on {@code database} or its {@code -shm} and
     * {@code -journal} files, such as {@code process 4711 (sqlite3)}; empty when the system does not tell.
     */
    static Optional<String> describe(Path database) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return Optional.empty();
        }
        Set<Long> inodes = new LinkedHashSet<>();
        for (String suffix : List.of("", "-shm", "-journal", "-wal")) {
            inode(Path.of(database + suffix)).ifPresent(inodes::add);
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(PROC_LOCKS, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        Set<Long> pids = new LinkedHashSet<>();
        for (String line : lines) {
            // "1: POSIX  ADVISORY  WRITE 4711 08:01:1311 1073741824 1073741825"; a blocked waiter's line has "->".
            String[] fields = line.trim().split("\\s+", -1);
            if (fields.length < 6 || line.contains("->")) {
                continue;
            }
            String[] device = fields[5].split(":", -1);
            try {
                if (device.length == 3 && inodes.contains(Long.parseLong(device[2]))) {
                    pids.add(Long.parseLong(fields[4]));
                }
            } catch (NumberFormatException e) {
                // Not a line about a file lock we can read; skip it.
            }
        }
        if (pids.isEmpty()) {
            return Optional.of(
                    "no process holds a lock on it any more, so it was released meanwhile: run the command" + " again");
        }
        List<String> named = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            named.add(
                    pid == self
                            ? "this strata process itself (pid " + pid + ", another connection of it)"
                            : "process " + pid
                                    + command(pid).map(c -> " (" + c + ")").orElse(""));
        }
        return Optional.of(String.join(" and ", named) + " holds a lock on it (as /proc/locks shows): let it finish"
                + " or stop it, then run again");
    }

    private static Optional<Long> inode(Path file) {
        try {
            return Files.exists(file)
                    ? Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue())
                    : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The program's name only ({@code comm}): a full command line may hold a password. */
    private static Optional<String> command(long pid) {
        try {
            String name = Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8)
                    .strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
