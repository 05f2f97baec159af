package dev.strata.report;

import dev.strata.StrataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file strata generates ({@code dump --out}, the docs), and whether the copy on disk is current,
 * for {@code --check} in CI. Line endings don't count, so a CRLF checkout is not stale.
 *
 * @param path    where it goes
 * @param content what it should hold
 */
public record GeneratedFile(Path path, String content) {

    public GeneratedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    /** True when the file exists and holds {@code content}. */
    public boolean isCurrent() {
        return existing()
                .map(text -> normalise(text).equals(normalise(content)))
                .orElse(false);
    }

    /**
     * The first line (1-based) where the file on disk differs from {@code content}; empty when it is
     * current or does not exist.
     */
    public Optional<Integer> firstDifference() {
        Optional<String> existing = existing();
        if (existing.isEmpty() || isCurrent()) {
            return Optional.empty();
        }
        String[] found = normalise(existing.get()).split("\n", -1);
        String[] wanted = normalise(content).split("\n", -1);
        int line = 0;
        while (line < found.length && line < wanted.length && found[line].equals(wanted[line])) {
            line++;
        }
        return Optional.of(line + 1);
    }

    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /**
     * Writes {@code content}, creating missing folders. The text goes to a new file beside
     * {@code path} that is then renamed over it: a rename replaces a symbolic link instead of
     * writing where it points, so no link (made before or during the write) can send the text out
     * of its folder. A link that is there already is refused, so that it isn't silently replaced.
     */
    public void write() {
        Path folder = path.toAbsolutePath().getParent();
        if (Files.isSymbolicLink(path)) {
            throw new Failure(
                    path + " is a symbolic link; strata writes generated files only as plain files in"
                            + " their folder, never through a link. Remove the link, or give another file name.",
                    null);
        }
        Path partial = null;
        try {
            Files.createDirectories(folder);
            // Created exclusively (never through a link), with the permissions a plain write would give.
            partial = folder.resolve("." + path.getFileName() + "-"
                    + Long.toUnsignedString(
                            java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part");
            Files.writeString(
                    partial,
                    content,
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            try {
                Files.move(partial, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(partial, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            partial = null;
        } catch (IOException e) {
            throw new Failure(
                    "could not write " + path + ": " + e.getMessage()
                            + "; check that the folder exists and is writable",
                    e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // A hidden leftover; the failure that got here is what the user needs to see.
                }
            }
        }
    }

    private Optional<String> existing() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Failure("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** A generated file could not be read or written. */
    public static final class Failure extends StrataException {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
