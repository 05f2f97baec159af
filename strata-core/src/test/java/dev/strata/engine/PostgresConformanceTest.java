package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.MigrationFailedException;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The conformance suite on a real PostgreSQL server, plus what only PostgreSQL has. */
class PostgresConformanceTest extends DialectConformanceTest {

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    protected String tableListQuery() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";
    }

    @Override
    protected AutoCloseable holdMigrationLock() throws Exception {
        java.sql.Connection holder = Jdbc.connect(url);
        long key = dev.strata.dialect.postgres.PostgresDatabase.lockKey("public.strata_history");
        holder.createStatement().execute("SELECT pg_advisory_lock(" + key + ")");
        return holder::close;
    }

    @Override
    protected String waitingFor() {
        return "another strata process holds the migration lock";
    }

    @Test
    void concurrentIndexBuildsRunWhenTheFileSaysNoTransaction() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);");
        write("0002_index.sql", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY t_email ON t (email);\n");

        strata().migrate();

        assertThat(Jdbc.count(url, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 't_email'"))
                .isEqualTo(1);
        assertThat(strata().status().count(MigrationState.APPLIED)).isEqualTo(2);
    }

    @Test
    void concurrentIndexBesideOtherStatementsWithoutTheDirectiveIsRefusedBeforeAnyChange() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);");
        write("0002_index.sql", "\nCREATE INDEX CONCURRENTLY t_email ON t (email);\nCREATE TABLE u (id INTEGER);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0002_index.sql:2")
                .hasMessageContaining("can't run inside a transaction");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aFailedNoTransactionMigrationIsRecordedNamedWithItsLeftoversAndRepaired() throws IOException {
        write(
                "0001_t.sql",
                "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT);\n"
                        + "INSERT INTO t VALUES (1, 'same'), (2, 'same');");
        write("0002_unique.sql", "-- strata:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY t_email ON t (email);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("migrations/0002_unique.sql:2")
                .hasMessageContaining("recorded as failed");
        assertThat(strata().status().migrations())
                .extracting(m -> m.state().label())
                .containsExactly("applied", "failed");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("0002_unique ran outside a transaction and failed part-way")
                .hasMessageContaining("INVALID index public.t_email on table t");

        Jdbc.execute(url, "DROP INDEX t_email");
        Jdbc.execute(url, "DELETE FROM t WHERE id = 2");
        RepairResult repair = strata().repair();
        assertThat(repair.cleared()).extracting(row -> row.version().text()).containsExactly("0002");

        strata().migrate();
        assertThat(strata().status().migrations())
                .extracting(m -> m.state().label())
                .containsExactly("applied", "applied");
    }

    @Test
    void plpgsqlBodiesInDollarQuotesRunWhole() throws IOException {
        write("0001_fn.sql", """
                CREATE TABLE items (id INTEGER PRIMARY KEY, touched INTEGER NOT NULL DEFAULT 0);
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN
                    NEW.touched := OLD.touched + 1;
                    RETURN NEW;
                END;
                $body$;
                CREATE TRIGGER items_touch BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION touch();
                DO $$ BEGIN INSERT INTO items (id) VALUES (1); END $$;
                """);

        strata().migrate();
        Jdbc.execute(url, "UPDATE items SET id = 1");

        assertThat(Jdbc.count(url, "SELECT touched FROM items")).isEqualTo(1);
    }

    @Test
    void foreignKeysOffIsRefusedBeforeAnyChange() throws IOException {
        write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        write("0002_fk.sql", "-- strata:foreign-keys off\nCREATE TABLE u (id INTEGER PRIMARY KEY);\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("migrations/0002_fk.sql: '-- strata:foreign-keys off' is for SQLite");
        assertThat(tables()).isEmpty();
    }
}
