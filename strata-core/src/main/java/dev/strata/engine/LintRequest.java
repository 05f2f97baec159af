package dev.strata.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code strata lint} reads.
 *
 * @param paths   files or folders to lint, relative to the project folder unless absolute; empty means
 *                every migration of the migrations folder
 * @param pending only the migrations the database has not applied yet (reads the history)
 */
public record LintRequest(List<Path> paths, boolean pending) {

    public LintRequest {
        paths = List.copyOf(paths);
    }

    public static LintRequest everything() {
        return new LintRequest(List.of(), false);
    }
}
