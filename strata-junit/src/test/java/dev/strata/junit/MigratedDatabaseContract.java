package dev.strata.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.MigrationState;
import dev.strata.engine.StatusReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** What every engine's test database must do; each subclass registers the extension for one engine. */
abstract class MigratedDatabaseContract {

    static final String MIGRATIONS = "src/test/resources/migrations";

    /** The history row's applied_at of the first test of each class, to compare the later ones with. */
    private static final Map<Class<?>, String> FIRST_APPLIED_AT = new ConcurrentHashMap<>();

    @Test
    void theMigrationsHaveRunAndTheirRowsAreThere(Connection connection) throws SQLException {
        assertThat(count(connection, "users")).isEqualTo(1);
        assertThat(count(connection, "orders")).isZero();
    }

    /** Each repetition inserts the same key: it would fail if a copy kept the last test's rows. */
    @RepeatedTest(3)
    void eachTestGetsAFreshCopy(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO users (id, email) VALUES (2, 'one@example.com')");
            statement.executeUpdate("INSERT INTO orders (id, user_id, total) VALUES (1, 2, 990)");
            assertThat(count(connection, "users")).isEqualTo(2);
            assertThat(count(connection, "orders")).isEqualTo(1);
        }
    }

    /** A copy carries the template's history rows as they were written: the migrations ran once. */
    @RepeatedTest(2)
    void theMigrationsRunOncePerClassNotOncePerTest(Connection connection) throws SQLException {
        String appliedAt;
        try (Statement statement = connection.createStatement();
                ResultSet row =
                        statement.executeQuery("SELECT applied_at FROM strata_history WHERE version = '0001'")) {
            assertThat(row.next()).isTrue();
            appliedAt = row.getString(1);
        }
        assertThat(appliedAt).isEqualTo(FIRST_APPLIED_AT.computeIfAbsent(getClass(), key -> appliedAt));
    }

    @Test
    void strataItselfSeesEveryMigrationApplied(MigratedDatabase database) {
        StatusReport status = Strata.configure()
                .projectDir(Path.of("").toAbsolutePath())
                .migrations(Path.of(MIGRATIONS))
                .url(database.url())
                .environmentVariables(Map.of())
                .load()
                .status();

        assertThat(status.migrations()).hasSize(2);
        assertThat(status.count(MigrationState.APPLIED)).isEqualTo(2);
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }
}
