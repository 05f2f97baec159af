package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shadow database runs DDL at every step and reads its schema after each one. The session keeps
 * its prepared catalog queries across that DDL, so PostgreSQL does not parse and plan them anew on
 * every step (pgjdbc's default would drop them after each CREATE, DROP or ALTER); a URL that asks
 * for the driver's default gets it.
 */
class PostgresPreparedAcrossDdlTest {

    @Test
    void theSchemaReadsPreparedStatementsOutliveTheDdlBetweenReads() throws SQLException {
        try (Connection session = PostgresDialect.connect(PostgresFixtures.parse(PostgresServer.newDatabaseUrl()))) {
            List<String> before = readFiveTimesThenPrepared(session);
            try (Statement statement = session.createStatement()) {
                statement.execute("CREATE TABLE added (id int PRIMARY KEY)");
            }
            List<String> after = readFiveTimesThenPrepared(session);

            assertThat(before).isNotEmpty();
            assertThat(after).containsAll(before);
        }
    }

    @Test
    void aUrlThatAsksForTheDriversDefaultPreparesAgainAfterDdl() throws SQLException {
        String url = PostgresServer.newDatabaseUrl() + "?flushCacheOnDdl=true";
        try (Connection session = PostgresDialect.connect(PostgresFixtures.parse(url))) {
            List<String> before = readFiveTimesThenPrepared(session);
            try (Statement statement = session.createStatement()) {
                statement.execute("CREATE TABLE added (id int PRIMARY KEY)");
            }
            List<String> after = readFiveTimesThenPrepared(session);

            assertThat(before).isNotEmpty();
            assertThat(after).doesNotContainAnyElementsOf(before);
        }
    }

    /**
     * Reads the schema often enough for pgjdbc to prepare its queries on the server (its threshold
     * is five uses), then lists the server-side statements of this session that read the catalog.
     */
    private static List<String> readFiveTimesThenPrepared(Connection session) throws SQLException {
        for (int i = 0; i < 6; i++) {
            new PostgresSchemaReader(session, "public", "strata_history", false).read();
        }
        List<String> names = new ArrayList<>();
        try (Statement statement = session.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name FROM pg_prepared_statements WHERE statement LIKE '%pg_class%'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
