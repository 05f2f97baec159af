package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresFixtures.HISTORY;
import static dev.strata.dialect.postgres.PostgresFixtures.parse;
import static dev.strata.dialect.postgres.PostgresFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.Database;
import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.Dialect.Access;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class PostgresThrowawayDatabaseTest {

    private static boolean exists(String serverUrl, String name) {
        return Jdbc.count(serverUrl, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == 1;
    }

    private static String nameOf(ThrowawayDatabase throwaway) {
        String jdbc = throwaway.url().jdbcUrl();
        return jdbc.substring(jdbc.lastIndexOf('/') + 1);
    }

    @Test
    void createsAnEmptyDatabaseOnTheSameServerAndDropsIt() {
        String serverUrl = PostgresServer.newDatabaseUrl();
        Jdbc.execute(serverUrl, "CREATE TABLE existing (id integer)");
        ThrowawayDatabase throwaway = PostgresDialect.INSTANCE.createThrowaway(parse(serverUrl));
        String name = nameOf(throwaway);

        assertThat(name).matches("strata_shadow_[0-9a-f]{16}");
        assertThat(throwaway.url().user()).contains("postgres");
        assertThat(throwaway.url().display())
                .isEqualTo("postgres://postgres@localhost:" + PostgresServer.port() + "/" + name);
        assertThat(exists(serverUrl, name)).isTrue();
        String shadowUrl = throwaway.url().display();
        assertThat(schemaOf(shadowUrl).isEmpty()).isTrue();
        try (Database shadow =
                PostgresDialect.INSTANCE.open(throwaway.url(), HISTORY, Access.WRITE, WaitListener.SILENT)) {
            shadow.ensureHistory();
        }

        throwaway.close();

        assertThat(exists(serverUrl, name)).isFalse();
        throwaway.close(); // a second close finds nothing to do
    }

    @Test
    void dropsTheDatabaseEvenWhenTheWorkFailedWithSessionsStillOpen() throws Exception {
        String serverUrl = PostgresServer.newDatabaseUrl();
        String name = null;
        Connection leftOpen = null;
        try (ThrowawayDatabase throwaway = PostgresDialect.INSTANCE.createThrowaway(parse(serverUrl))) {
            name = nameOf(throwaway);
            leftOpen = Jdbc.connect(throwaway.url().display());
            Jdbc.execute(throwaway.url().display(), "CREATE TABLE broken (");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("syntax error");
        }
        assertThat(name).isNotNull();
        assertThat(exists(serverUrl, name)).isFalse();
        assertThat(leftOpen.isValid(2)).isFalse();
        leftOpen.close();
    }

    @Test
    void aRoleWithoutCreatedbIsToldWhatToDo() {
        String serverUrl = PostgresServer.newDatabaseUrl();
        String database = serverUrl.substring(serverUrl.lastIndexOf('/') + 1);
        String role = "strata_plain_" + database;
        PostgresServer.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'hunter2'");
        DatabaseUrl url = parse("postgres://" + role + ":hunter2@localhost:" + PostgresServer.port() + "/" + database);
        long before = Jdbc.count(serverUrl, "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_shadow_%'");

        assertThatThrownBy(() -> PostgresDialect.INSTANCE.createThrowaway(url))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("the role " + role + " lacks the CREATEDB privilege")
                .hasMessageContaining("shadow_url in strata.toml")
                .hasMessageContaining("postgres://" + role + ":***@localhost")
                .hasMessageNotContaining("hunter2");
        assertThat(Jdbc.count(serverUrl, "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_shadow_%'"))
                .isEqualTo(before);
    }

    @Test
    void anUnreachableServerIsADatabaseException() {
        DatabaseUrl nowhere = parse("postgres://postgres:secret@localhost:1/none");
        assertThatThrownBy(() -> PostgresDialect.INSTANCE.createThrowaway(nowhere))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("could not connect")
                .hasMessageNotContaining("secret");
    }
}
