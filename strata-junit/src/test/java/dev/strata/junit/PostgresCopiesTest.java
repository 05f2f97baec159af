package dev.strata.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * PostgreSQL's copies are made ahead on a background thread and dropped after their test: each
 * test still gets the template as migrated, whatever the tests before it committed, and no copy
 * outlives its class. Two classes run in one JUnit run, so they share one embedded server: the
 * second looks at the server's databases after the first class is done.
 */
class PostgresCopiesTest {

    @Test
    void eachTestGetsTheTemplateAsMigratedAndNoCopyOutlivesItsClass() {
        Writers.copies.clear();
        Leftovers.databases.clear();

        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(
                        "junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
                .selectors(selectClass(Writers.class), selectClass(Leftovers.class))
                .execute()
                .testEvents();

        assertThat(failures(tests)).isEmpty();
        tests.assertStatistics(stats -> stats.started(Writers.TESTS + 1).succeeded(Writers.TESTS + 1));
        assertThat(Writers.copies).hasSize(Writers.TESTS).doesNotHaveDuplicates();
        String writersTemplate = templateOf(Writers.copies.get(0));
        assertThat(Writers.copies)
                .allSatisfy(copy -> assertThat(templateOf(copy)).isEqualTo(writersTemplate));
        // The second class's own template and copies are there; nothing of the first class is.
        String ownTemplate = templateOf(Leftovers.databases.get(0));
        assertThat(Leftovers.databases.subList(1, Leftovers.databases.size()))
                .isNotEmpty()
                .allSatisfy(database -> assertThat(database).startsWith(ownTemplate))
                .noneSatisfy(database -> assertThat(database).startsWith(writersTemplate + "_"))
                .doesNotContain(writersTemplate);
    }

    /** {@code strata_template_7} of {@code strata_template_7_test_12}. */
    private static String templateOf(String copy) {
        return copy.substring(0, copy.indexOf("_test_"));
    }

    private static List<String> failures(Events tests) {
        List<String> messages = new ArrayList<>();
        tests.failed().stream()
                .forEach(event -> event.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .ifPresent(failure ->
                                messages.add(event.getTestDescriptor().getDisplayName() + ": " + failure)));
        return messages;
    }

    /**
     * Every test commits the same rows and leaves a connection open: a copy that kept an earlier
     * test's rows fails the insert (same keys) or the counts, and an open connection must not keep
     * a copy alive.
     */
    @Order(1)
    static class Writers {

        static final int TESTS = 4;
        static final List<String> copies = new CopyOnWriteArrayList<>();

        @RegisterExtension
        static final StrataExtension DATABASE =
                StrataExtension.migrations(MigratedDatabaseContract.MIGRATIONS).engine(Engine.POSTGRES);

        @RepeatedTest(TESTS)
        void commitsRowsThatNoOtherTestSees(MigratedDatabase database) throws SQLException {
            copies.add(database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1));
            Connection leftOpen = database.connect();
            try (Statement statement = leftOpen.createStatement()) {
                assertThat(MigratedDatabaseContract.count(leftOpen, "users")).isEqualTo(1);
                assertThat(MigratedDatabaseContract.count(leftOpen, "orders")).isZero();
                statement.executeUpdate("INSERT INTO users (id, email) VALUES (2, 'two@example.com')");
                statement.executeUpdate("INSERT INTO orders (id, user_id, total) VALUES (1, 2, 990)");
                statement.executeUpdate("DELETE FROM users WHERE id = 1");
            }
            assertThat(MigratedDatabaseContract.count(leftOpen, "users")).isEqualTo(1);
            assertThat(MigratedDatabaseContract.count(leftOpen, "orders")).isEqualTo(1);
        }
    }

    /** Runs after {@link Writers} and lists the server's strata databases. */
    @Order(2)
    static class Leftovers {

        /** This class's own database first, then every strata database on the server. */
        static final List<String> databases = new CopyOnWriteArrayList<>();

        @RegisterExtension
        static final StrataExtension DATABASE =
                StrataExtension.migrations(MigratedDatabaseContract.MIGRATIONS).engine(Engine.POSTGRES);

        @Test
        void listsTheStrataDatabases(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet own = statement.executeQuery("SELECT current_database()")) {
                own.next();
                databases.add(own.getString(1));
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_template\\_%' ORDER BY 1")) {
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
            }
        }
    }
}
