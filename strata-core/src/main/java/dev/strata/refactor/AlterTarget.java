package dev.strata.refactor;

/**
 * The engine a generated migration is written for. D1 is SQLite with foreign keys always enforced
 * and no transaction control in migration files, which changes how a table rebuild must be ordered.
 */
public enum AlterTarget {
    SQLITE,
    D1,
    POSTGRES;

    /** From {@code [migrations] target} ({@code sqlite}, {@code d1}, {@code postgres}) or the engine's name. */
    public static AlterTarget of(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "d1" -> D1;
            case "postgres", "postgresql" -> POSTGRES;
            default -> SQLITE;
        };
    }
}
