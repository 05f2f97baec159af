package dev.strata.engine;

import java.util.List;

/**
 * Everything {@code strata validate} checked.
 *
 * @param database    the database as named to people
 * @param migrations  how many migration files were read
 * @param problems    what is wrong; empty when all is well
 */
public record ValidationReport(String database, int migrations, List<ValidationProblem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
