package dev.strata.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code strata lint} reads.
 *
 * @param paths   files or folders to lint, relative to the project folder unless absolute; empty means
 *                every migration of the migrations folder
 * @param pending only the migrations the database has not applied yet (reads the history)
 * @param shadow  also run the migrations folder on the shadow database, so the rules see the schema each
 *                migration really meets and leaves (ignored for named files)
 */
public record LintRequest(List<Path> paths, boolean pending, boolean shadow) {

    public LintRequest {
        paths = List.copyOf(paths);
    }

    public static LintRequest everything() {
        return new LintRequest(List.of(), false, true);
    }
}
