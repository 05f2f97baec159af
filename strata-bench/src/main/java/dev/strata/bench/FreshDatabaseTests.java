package dev.strata.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.junit.Engine;
import dev.strata.junit.MigratedDatabase;
import dev.strata.junit.StrataExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two test classes that {@link FreshDatabaseWorkload} runs through the JUnit launcher: one gets
 * its database from strata-junit's template, the other migrates a new database before every test.
 * Both run the same test, which checks that every migration is there. The workload sets the static
 * settings before each launch.
 */
final class FreshDatabaseTests {

    /** Tests per launch: the first pays for the template (or warms up), the others are measured. */
    static final int TESTS = 21;

    static volatile MigrationSet migrations;
    static volatile dev.strata.bench.Engine engine;

    private FreshDatabaseTests() {}

    static void assertEveryMigrationApplied(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM strata_history")) {
            rows.next();
            assertEquals(migrations.count(), rows.getInt(1), "history rows in the test's database");
        }
    }

    /** A copy of the template per test. */
    static final class TemplateCopy {

        @RegisterExtension
        final StrataExtension database = StrataExtension.migrations(
                        migrations.dir().toString())
                .engine(engine.name().equals("postgres") ? Engine.POSTGRES : Engine.SQLITE);

        @RepeatedTest(TESTS)
        void everyMigrationIsThere(MigratedDatabase database) throws SQLException {
            try (Connection connection = database.connect()) {
                assertEveryMigrationApplied(connection);
            }
        }
    }

    /** What a project does without a template: a new database, migrated, for every test. */
    static final class Remigrate {

        private Target target;

        @BeforeEach
        void migrate() {
            target = engine.fresh();
            StrataContender.strata(target, migrations).migrate();
        }

        @AfterEach
        void drop() {
            engine.drop(target);
        }

        @RepeatedTest(TESTS)
        void everyMigrationIsThere() throws SQLException {
            try (Connection connection = target.connect()) {
                assertEveryMigrationApplied(connection);
            }
        }
    }
}
