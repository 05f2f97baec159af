package dev.strata.callback;

import dev.strata.source.MigrationSourceException;
import dev.strata.source.Printable;
import dev.strata.source.SourceFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code callbacks/} subfolder of the migrations folder. The migration scanner leaves
 * that folder alone (its name holds no version), so a callback is never taken for a migration nor
 * recorded in the history.
 */
public final class CallbackFiles {

    /** The subfolder of the migrations folder that holds the SQL callbacks. */
    public static final String FOLDER = "callbacks";

    private CallbackFiles() {}

    /**
     * The callback files, in the order of their events; empty when there is no callbacks folder.
     *
     * @param projectDir    the project folder; sources are shown relative to it
     * @param migrationsDir the migrations folder, absolute or relative to {@code projectDir}
     * @throws MigrationSourceException naming every {@code .sql} file there that is not a callback,
     *                                  and every file that can't be read
     */
    public static List<CallbackFile> scan(Path projectDir, Path migrationsDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path dir = project.resolve(migrationsDir).normalize().resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String shownDir = (dir.startsWith(project) ? project.relativize(dir) : dir)
                .toString()
                .replace('\\', '/');
        List<String> problems = new ArrayList<>();
        List<CallbackFile> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                String shown = Printable.name(shownDir + "/" + name);
                Optional<CallbackEvent> event = CallbackEvent.ofFile(name);
                if (event.isEmpty()) {
                    // A typo would otherwise be a callback that silently never runs.
                    if (name.endsWith(".sql")) {
                        problems.add(shown + ": not a callback name; callbacks are " + names()
                                + " (rename the file, or move it out of " + shownDir + "/)");
                    }
                    continue;
                }
                try {
                    files.add(new CallbackFile(event.get(), entry, shown, SourceFiles.read(entry, shown)));
                } catch (MigrationSourceException e) {
                    problems.addAll(e.problems());
                }
            }
        } catch (IOException e) {
            problems.add(shownDir + ": can't be read (" + e.getMessage() + "); check its permissions");
        }
        if (!problems.isEmpty()) {
            throw new MigrationSourceException(problems.stream().sorted().toList());
        }
        files.sort(Comparator.comparing(CallbackFile::event));
        return List.copyOf(files);
    }

    private static String names() {
        return String.join(
                ", ",
                java.util.Arrays.stream(CallbackEvent.values())
                        .map(CallbackEvent::fileName)
                        .toList());
    }
}
