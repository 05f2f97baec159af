package dev.strata.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.spring.app.TestApplication;
import dev.strata.spring.app.UserDirectory;
import dev.strata.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Real Spring Boot application contexts, on SQLite files and on the embedded PostgreSQL: the
 * migrations run before a bean reads the database, and every way strata can't or mustn't migrate
 * stops start-up with its reason. The same tests run on Spring Boot 4 (strata-spring-boot4-tests).
 */
class StrataStarterTest {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(Class<?> application, String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("spring.main.banner-mode=off");
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run();
    }

    private String sqliteUrl() {
        return "spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db");
    }

    @Test
    void onSqliteTheMigrationsRunBeforeARepositoryReads() throws Exception {
        try (ConfigurableApplicationContext context = start(TestApplication.class, sqliteUrl())) {
            assertThat(context.getBean(UserDirectory.class).users()).isEqualTo(2);
        }
        assertThat(historyRows("jdbc:sqlite:" + dir.resolve("app.db"), null)).isEqualTo(2);
    }

    @Test
    void onPostgresTheMigrationsRunBeforeARepositoryReads() throws Exception {
        String jdbcUrl = "jdbc:postgresql://localhost:" + PostgresServer.port() + "/" + PostgresServer.newDatabase();
        try (ConfigurableApplicationContext context = start(
                TestApplication.class, "spring.datasource.url=" + jdbcUrl, "spring.datasource.username=postgres")) {
            assertThat(context.getBean(UserDirectory.class).users()).isEqualTo(2);
        }
        assertThat(historyRows(jdbcUrl, "postgres")).isEqualTo(2);
    }

    @Test
    void aLintErrorStopsStartUpWithTheFindingAndChangesNothing() throws Exception {
        assertThatThrownBy(() -> start(TestApplication.class, sqliteUrl(), "strata.dir=classpath:lint-error"))
                .rootCause()
                .hasMessageContaining("0002_reset.sql:2")
                .hasMessageContaining("delete-without-where");
        assertThat(historyRows("jdbc:sqlite:" + dir.resolve("app.db"), null))
                .as("nothing applied")
                .isZero();
    }

    @Test
    void withTheGateOffTheSameFolderIsAppliedAsWrittenAndTheLogSaysSo() {
        String log = logOf(() -> {
            try (ConfigurableApplicationContext context =
                    start(TestApplication.class, sqliteUrl(), "strata.dir=classpath:lint-error", "strata.lint=off")) {
                assertThat(context.getBean(UserDirectory.class).users())
                        .as("the DELETE ran")
                        .isZero();
            }
        });
        assertThat(log)
                .contains("the lint gate is off")
                .contains("applied 0001 accounts in")
                .contains("applied 0002 reset in");
    }

    /** What the application logged to the console (Spring Boot's default) while {@code run} ran. */
    private static String logOf(Runnable run) {
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setOut(console);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        console.print(log);
        return log;
    }

    @Test
    void failOnPendingRefusesToStartWhileAMigrationIsPendingAndNeverMigrates() throws Exception {
        assertThatThrownBy(() -> start(TestApplication.class, sqliteUrl(), "strata.fail-on-pending=true"))
                .rootCause()
                .isInstanceOf(PendingMigrationsException.class)
                .hasMessageContaining("2 migrations are pending")
                .hasMessageContaining("0001 users, 0002 user_names");
        assertThat(historyRows("jdbc:sqlite:" + dir.resolve("app.db"), null)).isZero();

        start(TestApplication.class, sqliteUrl()).close();
        try (ConfigurableApplicationContext context =
                start(TestApplication.class, sqliteUrl(), "strata.fail-on-pending=true")) {
            assertThat(context.getBean(UserDirectory.class).users()).isEqualTo(2);
        }
    }

    @Test
    void theContractHalfWaitsForStrataContract() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("app.db");
        start(TestApplication.class, sqliteUrl()).close();
        // The next deployment brings an expand/contract pair: the expand runs, the contract waits, and
        // the application starts.
        String log = logOf(() -> {
            try (ConfigurableApplicationContext context =
                    start(TestApplication.class, sqliteUrl(), "strata.dir=classpath:expand-contract")) {
                assertThat(context.getBean(UserDirectory.class).users()).isEqualTo(2);
            }
        });
        assertThat(log).as("the held-back contract is in the log").contains("is held back");
        assertThat(historyRows(db, null)).isEqualTo(3);
        assertThat(columns(db)).contains("name", "display_name");

        // Once every instance uses the new column, the deployment after sets strata.contract.
        start(TestApplication.class, sqliteUrl(), "strata.dir=classpath:expand-contract", "strata.contract=true")
                .close();

        assertThat(historyRows(db, null)).isEqualTo(4);
        assertThat(columns(db)).contains("display_name").doesNotContain("name");
    }

    @Test
    void theActuatorEndpointListsTheMigrationsLikeStatusJson() throws Exception {
        try (ConfigurableApplicationContext context = start(TestApplication.class, sqliteUrl())) {
            JsonNode status = new ObjectMapper()
                    .valueToTree(context.getBean(StrataEndpoint.class).status());

            assertThat(status.get("database").asText()).startsWith("SQLite database");
            assertThat(status.get("migrations")).hasSize(2);
            JsonNode first = status.get("migrations").get(0);
            assertThat(first.get("version").asText()).isEqualTo("0001");
            assertThat(first.get("state").asText()).isEqualTo("applied");
            assertThat(first.fieldNames())
                    .toIterable()
                    .containsExactly("version", "name", "state", "file", "applied_at", "execution_ms", "out_of_order");
        }
    }

    @Test
    void withoutADataSourceStartUpFailsSayingSo() {
        assertThatThrownBy(() -> start(StrataOnly.class))
                .rootCause()
                .hasMessageContaining("strata is on the classpath but the application has no DataSource")
                .hasMessageContaining("strata.enabled=false");
    }

    @Test
    void aMissingMigrationsFolderFailsStartUpSayingSo() {
        assertThatThrownBy(() -> start(TestApplication.class, sqliteUrl(), "strata.dir=classpath:no/such/folder"))
                .rootCause()
                .hasMessageContaining("strata found no migrations folder at strata.dir 'classpath:no/such/folder'");
    }

    @Test
    void disabledLeavesTheDatabaseAlone() {
        assertThatThrownBy(() -> start(TestApplication.class, sqliteUrl(), "strata.enabled=false"))
                .as("the repository finds no users table")
                .rootCause()
                .hasMessageContaining("users");
    }

    /** An application with strata alone, and no DataSource. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(StrataAutoConfiguration.class)
    static class StrataOnly {}

    private static List<String> columns(String jdbcUrl) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                ResultSet columns = connection.getMetaData().getColumns(null, null, "users", null)) {
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    private static long historyRows(String jdbcUrl, String user) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, null);
                Statement statement = connection.createStatement()) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "strata_history", null)) {
                if (!tables.next()) {
                    return 0;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM strata_history")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
