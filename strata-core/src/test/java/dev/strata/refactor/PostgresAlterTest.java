package dev.strata.refactor;

import static dev.strata.refactor.AlterProject.onDelete;
import static dev.strata.refactor.AlterProject.row;
import static dev.strata.refactor.AlterProject.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.dialect.MigrationFailedException;
import dev.strata.dialect.VerificationFailedException;
import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every strata alter operation on PostgreSQL, in the engine's native forms, on tables with indexes, a
 * partial index, a trigger, views and foreign keys in and out; with a market-data schema's DECIMAL to
 * FLOAT, CASCADE to RESTRICT and soft delete end to end.
 */
class PostgresAlterTest {

    static final String SCHEMA = """
            CREATE TABLE instruments (id integer PRIMARY KEY, symbol text NOT NULL);
            CREATE TABLE market_data (
                id bigint PRIMARY KEY,
                instrument_id integer NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
                price numeric(12,4),
                bid numeric(12,4),
                raw_price text,
                note text,
                CONSTRAINT price_positive CHECK (price > 0)
            );
            CREATE TABLE alert_logs (
                id bigint PRIMARY KEY,
                market_data_id bigint REFERENCES market_data (id) ON DELETE CASCADE,
                message text
            );
            CREATE INDEX ix_market_data_price ON market_data (price);
            CREATE INDEX ix_market_data_open ON market_data (instrument_id) WHERE note IS NULL;
            CREATE VIEW latest_prices AS SELECT instrument_id, max(price) AS price FROM market_data GROUP BY 1;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER market_data_touch BEFORE UPDATE ON market_data FOR EACH ROW EXECUTE FUNCTION touch();
            INSERT INTO instruments VALUES (1, 'BTC'), (2, 'ETH');
            INSERT INTO market_data VALUES (1, 1, 100.1234, 100.12, '100.5', NULL), (2, 1, 101.5, 101.4, '7', 'x'),
                (3, 2, 2000.0001, 1999.9, NULL, NULL);
            INSERT INTO alert_logs VALUES (1, 1, 'high'), (2, 2, 'low'), (3, 3, 'eth');
            """;

    @TempDir
    Path dir;

    AlterProject project;

    @BeforeEach
    void schemaAndRows() {
        project = new AlterProject(dir, PostgresServer.newDatabaseUrl());
        project.migration("0001_schema.sql", SCHEMA).migrate();
    }

    private void assertEveryRowKept() {
        assertThat(project.count("SELECT COUNT(*) FROM instruments")).isEqualTo(2);
        assertThat(project.count("SELECT COUNT(*) FROM market_data")).isEqualTo(3);
        assertThat(project.count("SELECT COUNT(*) FROM alert_logs")).isEqualTo(3);
    }

    @Test
    void decimalToFloatWithinTheTolerance() {
        String sql = project.alter("market_data", type("price=double precision"), type("bid=double precision"));
        project.migrate();

        assertThat(sql)
                .contains("SET LOCAL lock_timeout = '5s'")
                .contains(
                        "ALTER TABLE market_data ALTER COLUMN price TYPE double precision USING price::double precision")
                .contains("-- strata:verify SELECT b.id, b.before, t.price AS after");
        assertEveryRowKept();
        assertThat(project.rows("SELECT pg_typeof(price)::text, price::text FROM market_data WHERE id = 1"))
                .containsExactly(row("double precision", "100.1234"));
        assertThat(project.count("SELECT COUNT(*) FROM latest_prices"))
                .as("the view follows the type")
                .isEqualTo(2);
        assertThat(project.count("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_market_data_price'"))
                .isEqualTo(1);
    }

    @Test
    void textThatIsNotANumberStopsTheConversionAndIsListed() {
        project.execute("INSERT INTO market_data VALUES (4, 2, 1, 1, 'abc', NULL)");
        project.alter("market_data", type("raw_price=numeric"));

        assertThatThrownBy(project::migrate)
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining(
                        "market_data.raw_price holds values that are not numbers: id = 4, raw_price = 'abc'")
                .hasMessageContaining("rolled back");
        project.execute("DELETE FROM market_data WHERE id = 4");
        project.migrate();
        assertThat(project.rows("SELECT raw_price::text FROM market_data ORDER BY id"))
                .containsExactly(row("100.5"), row("7"), row((String) null));
    }

    @Test
    void aConversionBeyondTheToleranceIsRolledBack() {
        project.strata()
                .alter(new AlterRequest(
                        "market_data",
                        List.of(AlterOperation.type("price=numeric(12,1)", Optional.empty())),
                        Optional.of("shorter_price"),
                        0.0001));

        assertThatThrownBy(project::migrate)
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("id = 1, before = 100.1234, after = 100.1");
        assertThat(project.rows("SELECT price::text FROM market_data WHERE id = 1"))
                .containsExactly(row("100.1234"));
    }

    @Test
    void cascadeToRestrictIsDropAndAddNotValidThenValidateInASecondMigration() {
        Refactorer.Result result = project.alterResult("market_data", onDelete("instrument_id=RESTRICT"));

        assertThat(result.files()).hasSize(2);
        assertThat(AlterProject.text(result.files().get(0)))
                .contains("DROP CONSTRAINT market_data_instrument_id_fkey,")
                .contains("REFERENCES instruments (id) ON DELETE RESTRICT NOT VALID")
                .contains("WHERE table_name = 'alert_logs'");
        assertThat(AlterProject.text(result.files().get(1)))
                .contains("VALIDATE CONSTRAINT market_data_instrument_id_fkey");
        assertThat(result.files().get(1).getFileName().toString())
                .isEqualTo("0003_alter_market_data_instrument_id_on_delete_validate.sql");
        project.migrate();

        assertEveryRowKept();
        assertThat(project.count("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'market_data_instrument_id_fkey'"
                        + " AND convalidated AND confdeltype = 'r'"))
                .isEqualTo(1);
        assertThatThrownBy(() -> project.execute("DELETE FROM instruments WHERE id = 1"))
                .hasMessageContaining("violates foreign key constraint");
    }

    @Test
    void notNullGoesThroughAValidatedCheckAndNullableIsDirect() {
        project.execute("UPDATE market_data SET note = 'n' WHERE note IS NULL");
        Refactorer.Result result = project.alterResult(
                "market_data", new AlterOperation.SetNotNull("note"), new AlterOperation.DropNotNull("instrument_id"));
        project.migrate();

        assertThat(AlterProject.text(result.files().get(1))).contains("SET NOT NULL");
        assertThat(project.rows("SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name ="
                        + " 'market_data' AND column_name IN ('note', 'instrument_id') ORDER BY 1"))
                .containsExactly(row("instrument_id", "YES"), row("note", "NO"));
        assertThat(project.count("SELECT COUNT(*) FROM pg_constraint WHERE conname LIKE '%not_null'"))
                .isZero();
    }

    @Test
    void checksAreAddedNotValidAndDropped() {
        project.alterResult(
                "market_data",
                new AlterOperation.DropCheck("price_positive"),
                AlterOperation.addCheck("bid_positive=bid > 0"));
        project.migrate();

        project.execute("UPDATE market_data SET price = -1 WHERE id = 1");
        assertThatThrownBy(() -> project.execute("UPDATE market_data SET bid = -1 WHERE id = 1"))
                .hasMessageContaining("bid_positive");
        assertThat(project.count("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'bid_positive' AND convalidated"))
                .isEqualTo(1);
    }

    @Test
    void uniqueRenameAndDropColumn() {
        project.alter("instruments", AlterOperation.addUnique("symbol"), AlterOperation.renameColumn("symbol=ticker"));
        project.alter("market_data", new AlterOperation.DropColumn("raw_price"));
        project.migrate();

        assertThatThrownBy(() -> project.execute("INSERT INTO instruments VALUES (3, 'BTC')"))
                .hasMessageContaining("instruments_ticker_key");
        assertThat(project.rows("SELECT ticker FROM instruments ORDER BY id")).containsExactly(row("BTC"), row("ETH"));
        assertThat(project.count("SELECT COUNT(*) FROM information_schema.columns WHERE column_name = 'raw_price'"))
                .isZero();
        assertEveryRowKept();
    }

    /**
     * The unique index is built CONCURRENTLY by a migration of its own, and the constraint added USING
     * INDEX by the next one. A duplicate stops the first and leaves an invalid index; once the rows are
     * fixed and the failed row repaired, the same file runs again and the constraint is added.
     */
    @Test
    void aUniqueConstraintIsBuiltConcurrentlyAndSurvivesADuplicateFixedLater() throws Exception {
        project.execute("INSERT INTO instruments VALUES (3, 'BTC')");
        Refactorer.Result result = project.alterResult("instruments", AlterOperation.addUnique("symbol"));

        assertThat(result.files())
                .extracting(file -> file.getFileName().toString())
                .containsExactly(
                        "0002_alter_instruments_symbol_unique_index.sql",
                        "0003_alter_instruments_symbol_unique_constraint.sql");
        assertThat(AlterProject.text(result.files().get(0)))
                .startsWith("-- strata:no-transaction\n")
                .contains("DROP INDEX CONCURRENTLY IF EXISTS instruments_symbol_key;")
                .contains("CREATE UNIQUE INDEX CONCURRENTLY instruments_symbol_key ON instruments (symbol);");
        assertThat(AlterProject.text(result.files().get(1)))
                .contains("ALTER TABLE instruments ADD CONSTRAINT instruments_symbol_key UNIQUE USING INDEX"
                        + " instruments_symbol_key;");

        assertThatThrownBy(project::migrate).hasMessageContaining("could not create unique index");
        assertThat(project.count("SELECT COUNT(*) FROM pg_index WHERE NOT indisvalid"))
                .isEqualTo(1);

        project.execute("DELETE FROM instruments WHERE id = 3");
        project.strata().repair();
        project.migrate();

        assertThat(project.count("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'instruments_symbol_key'"
                        + " AND contype = 'u' AND convalidated"))
                .isEqualTo(1);
        assertThat(project.count("SELECT COUNT(*) FROM pg_index WHERE NOT indisvalid"))
                .isZero();
        assertThatThrownBy(() -> project.execute("INSERT INTO instruments VALUES (4, 'ETH')"))
                .hasMessageContaining("instruments_symbol_key");
        assertEveryRowKept();
    }

    @Test
    void softDeleteRefusesHardDeletes() {
        String sql = project.alter("alert_logs", new AlterOperation.SoftDelete());
        project.migrate();

        assertThat(sql)
                .contains("deleted_at timestamp with time zone")
                .contains("CREATE INDEX IF NOT EXISTS alert_logs_live_idx ON alert_logs (id) WHERE deleted_at IS NULL");
        assertThatThrownBy(() -> project.execute("DELETE FROM alert_logs WHERE id = 1"))
                .hasMessageContaining("alert_logs rows are soft-deleted: set deleted_at");
        project.execute("UPDATE alert_logs SET deleted_at = now() WHERE id = 1");
        assertThat(project.rows("SELECT id FROM alert_logs_live ORDER BY id")).containsExactly(row("2"), row("3"));
        assertThatThrownBy(() -> project.execute("DELETE FROM instruments WHERE id = 2"))
                .as("a cascade into soft-deleted rows is refused too")
                .hasMessageContaining("soft-deleted");
        assertEveryRowKept();
    }
}
