package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code migrate --single-transaction} on the real embedded PostgreSQL server. */
class PostgresSingleTransactionTest extends SingleTransactionConformanceTest {

    /**
     * The run's lock timeout is set once for the one transaction, and again before a migration after
     * one that set its own (by directive or by SET LOCAL): each file still meets the run's limit.
     */
    @Test
    void everyMigrationMeetsTheRunsLockTimeoutAfterOneThatSetItsOwn() throws IOException {
        Path migrations = project.resolve("migrations");
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nlock_timeout = \"7s\"\n");
        Files.writeString(migrations.resolve("0001_t.sql"), "CREATE TABLE seen (file TEXT, lock_timeout TEXT);");
        String record = "INSERT INTO seen VALUES ('%s', current_setting('lock_timeout'));";
        Files.writeString(migrations.resolve("0002_a.sql"), record.formatted("0002"));
        Files.writeString(
                migrations.resolve("0003_own.sql"), "SET LOCAL lock_timeout = '1s';\n" + record.formatted("0003"));
        Files.writeString(migrations.resolve("0004_b.sql"), record.formatted("0004"));
        Files.writeString(
                migrations.resolve("0005_directive.sql"), "-- strata:lock-timeout 2s\n" + record.formatted("0005"));
        Files.writeString(migrations.resolve("0006_c.sql"), record.formatted("0006"));

        Strata.configure()
                .projectDir(project)
                .url(url)
                .load()
                .migrate(new MigrateOptions(Optional.empty(), false, false, Optional.of(true)));

        assertThat(Jdbc.query(url, "SELECT file, lock_timeout FROM seen ORDER BY file"))
                .containsExactly(
                        List.of("0002", "7s"),
                        List.of("0003", "1s"),
                        List.of("0004", "7s"),
                        List.of("0005", "2s"),
                        List.of("0006", "7s"));
    }

    @Override
    protected String newDatabaseUrl(Path folder) {
        return PostgresServer.newDatabaseUrl();
    }

    @Override
    protected String catalogQuery() {
        // Relations of every kind (tables, indexes, sequences) with their columns and types.
        return "SELECT c.relname, c.relkind::text, coalesce(a.attname, ''),"
                + " coalesce(format_type(a.atttypid, a.atttypmod), '')"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " WHERE n.nspname = 'public' ORDER BY 1, 3";
    }

    @Override
    protected String tableListQuery() {
        return "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1";
    }
}
