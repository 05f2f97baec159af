package dev.strata.squash;

import java.util.List;

/**
 * What {@code strata squash} wrote, or with {@code dryRun} would write.
 *
 * @param baseline     the baseline file, relative to the project
 * @param replaced     the labels of the migrations it replaces, in version order
 * @param removed      the files removed (or, on a dry run, that would be), relative to the project
 * @param tablesWithRows how many tables the baseline inserts rows into
 * @param rows         how many rows it inserts
 * @param later        how many migrations after it stay as they are (and were checked on top of it)
 * @param dryRun       true when nothing was written
 * @param text         the baseline's text
 */
public record SquashResult(
        String baseline,
        List<String> replaced,
        List<String> removed,
        int tablesWithRows,
        long rows,
        int later,
        boolean dryRun,
        String text) {

    public SquashResult {
        replaced = List.copyOf(replaced);
        removed = List.copyOf(removed);
    }
}
