package dev.strata.inspect;

import dev.strata.schema.NotCompared;
import java.util.List;
import java.util.Objects;

/**
 * The health of a live database: the engine's own checks, failed migrations, and tables and indexes
 * that the applied migrations define but the database lacks.
 *
 * @param database   the database as named to people
 * @param migrations how many applied migrations were replayed to find the expected tables and indexes
 * @param problems   every problem found; empty when healthy
 * @param notCompared what the database or the migrations hold that the schema model does not
 *                   describe, so its absence can't be found
 */
public record HealthReport(String database, int migrations, List<Problem> problems, List<NotCompared> notCompared) {

    /** The kinds of problem. */
    public static final String ENGINE = "engine";

    public static final String MISSING = "missing";
    public static final String FAILED = "failed";

    public HealthReport {
        Objects.requireNonNull(database, "database");
        problems = List.copyOf(problems);
        notCompared = List.copyOf(notCompared);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * @param kind    {@link #ENGINE}, {@link #MISSING} or {@link #FAILED}
     * @param message a sentence for people naming the object and what to do
     */
    public record Problem(String kind, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
