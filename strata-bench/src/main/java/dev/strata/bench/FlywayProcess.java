package dev.strata.bench;

import org.flywaydb.core.Flyway;

/**
 * Flyway's side of the whole-process comparison: the same work as {@code bin/strata status} or
 * {@code migrate}, through Flyway's API in a JVM of its own with only Flyway's jars on the class
 * path. Prints a one-line summary, as a command-line tool would.
 *
 * <p>Usage: {@code FlywayProcess info|migrate JDBC_URL USER MIGRATIONS_DIR} ({@code -} for no user).
 */
public final class FlywayProcess {

    private FlywayProcess() {}

    public static void main(String[] args) {
        String user = args[2].equals("-") ? null : args[2];
        Flyway flyway = Flyway.configure()
                .dataSource(args[1], user, null)
                .locations("filesystem:" + args[3])
                .sqlMigrationPrefix("")
                .sqlMigrationSeparator("_")
                .loggers("slf4j")
                .cleanDisabled(true)
                .load();
        switch (args[0]) {
            case "info" -> System.out.println(flyway.info().applied().length + " applied");
            case "migrate" -> System.out.println(flyway.migrate().migrationsExecuted + " applied");
            default -> throw new IllegalArgumentException("info or migrate, not " + args[0]);
        }
    }
}
