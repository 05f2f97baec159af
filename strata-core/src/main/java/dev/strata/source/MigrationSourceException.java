package dev.strata.source;

import dev.strata.StrataException;
import java.util.List;

/**
 * The migrations folder can't be read as a set of migrations: a file that can't be read or decoded,
 * a {@code .sql} name without a version, two files with one version, a down script without its up.
 * Every problem found is listed, not just the first.
 */
public final class MigrationSourceException extends StrataException {

    private final List<String> problems;

    public MigrationSourceException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public MigrationSourceException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
