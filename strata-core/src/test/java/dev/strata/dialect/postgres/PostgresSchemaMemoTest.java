package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Schema;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema read of a session that remembers its previous read (as the shadow database's does)
 * must equal a fresh full read after every kind of change a migration makes.
 */
class PostgresSchemaMemoTest {

    /** Each step is one migration; its statements run one by one in autocommit, like a shadow's files. */
    private static final List<List<String>> STEPS = List.of(
            List.of("CREATE TABLE parent (id int PRIMARY KEY, name text)"),
            List.of("CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), note text)"),
            List.of("INSERT INTO parent VALUES (1, 'one')"),
            List.of("ALTER TABLE child ADD COLUMN amount int"),
            List.of("ALTER TABLE child ALTER COLUMN amount TYPE bigint"),
            List.of("ALTER TABLE child ALTER COLUMN amount SET DEFAULT 5"),
            List.of("ALTER TABLE child ALTER COLUMN amount SET NOT NULL"),
            List.of("ALTER TABLE child ALTER COLUMN amount DROP NOT NULL", "ALTER TABLE child DROP COLUMN note"),
            List.of("ALTER TABLE parent RENAME COLUMN name TO title"),
            List.of("CREATE VIEW parent_titles AS SELECT id, title FROM parent"),
            // the view's text names the column and the foreign key names the table: both change
            List.of("ALTER TABLE parent RENAME COLUMN title TO label"),
            List.of("ALTER TABLE parent RENAME TO parents"),
            List.of("CREATE INDEX child_amount ON child (amount)"),
            List.of("CREATE UNIQUE INDEX parents_label ON parents (lower(label)) WHERE id > 0"),
            List.of("ALTER INDEX parents_label RENAME TO parents_label_lower"),
            List.of("DROP INDEX child_amount"),
            List.of("ALTER TABLE child ADD CONSTRAINT child_amount_positive CHECK (amount > 0) NOT VALID"),
            List.of("ALTER TABLE child VALIDATE CONSTRAINT child_amount_positive"),
            List.of("ALTER TABLE child ADD CONSTRAINT child_unique UNIQUE (parent_id, amount)"),
            List.of("ALTER TABLE child DROP CONSTRAINT child_parent_id_fkey"),
            List.of("ALTER TABLE child ADD CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parents (id)"
                    + " ON DELETE CASCADE NOT VALID"),
            List.of("ALTER TABLE child VALIDATE CONSTRAINT child_parent"),
            List.of("ALTER TABLE child DROP CONSTRAINT child_pkey", "ALTER TABLE child ADD PRIMARY KEY (id)"),
            List.of("CREATE FUNCTION double_it(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x * 2'"),
            List.of("ALTER TABLE child ADD COLUMN doubled int DEFAULT double_it(1)"),
            List.of("CREATE OR REPLACE FUNCTION double_it(x int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + x'"),
            // the default's text names the function
            List.of("ALTER FUNCTION double_it(int) RENAME TO twice"),
            List.of("CREATE FUNCTION twice(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN x + x"),
            List.of("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$BEGIN NEW.amount := 1; RETURN NEW; END$$"),
            List.of("CREATE TRIGGER child_touch BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION touch()"),
            List.of("ALTER TRIGGER child_touch ON child RENAME TO child_touched"),
            List.of("ALTER FUNCTION touch() RENAME TO touched"),
            List.of("DROP TRIGGER child_touched ON child"),
            List.of("CREATE OR REPLACE VIEW parent_titles AS SELECT id, label AS title, label AS again FROM parents"),
            List.of("CREATE VIEW child_view AS SELECT c.id, t.again FROM child c JOIN parent_titles t ON t.id = c.id"),
            List.of("DROP VIEW child_view"),
            List.of("CREATE TYPE mood AS ENUM ('sad', 'ok')"),
            List.of("ALTER TABLE child ADD COLUMN mood mood"),
            List.of("ALTER TYPE mood ADD VALUE 'happy'"),
            List.of("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'"),
            List.of("ALTER TABLE child ADD CONSTRAINT child_mood CHECK (mood <> 'sad')"),
            List.of("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"),
            List.of("ALTER TYPE mood RENAME TO feeling"),
            List.of("CREATE SEQUENCE counter"),
            List.of("ALTER SEQUENCE counter OWNED BY child.amount"),
            List.of("ALTER TABLE child ALTER COLUMN doubled SET DEFAULT nextval('counter')"),
            List.of("ALTER SEQUENCE counter RENAME TO counter2"),
            List.of("ALTER SEQUENCE counter2 INCREMENT BY 5"),
            // the sequence's OWNED BY names the column
            List.of("ALTER TABLE child RENAME COLUMN amount TO qty"),
            List.of("COMMENT ON TABLE child IS 'kids'", "COMMENT ON COLUMN child.qty IS 'how many'"),
            List.of("COMMENT ON CONSTRAINT child_unique ON child IS 'one per parent'"),
            List.of("COMMENT ON VIEW parent_titles IS 'titles'", "COMMENT ON INDEX parents_label_lower IS 'i'"),
            List.of("COMMENT ON FUNCTION twice(int) IS 'doubles'", "COMMENT ON SEQUENCE counter2 IS 'c'"),
            List.of("COMMENT ON TABLE child IS NULL"),
            List.of("ALTER TABLE child ENABLE ROW LEVEL SECURITY"),
            List.of("CREATE POLICY child_positive ON child USING (qty > 0)"),
            List.of("ALTER POLICY child_positive ON child USING (qty > 1)"),
            List.of("GRANT SELECT ON child TO PUBLIC", "GRANT UPDATE (qty) ON child TO PUBLIC"),
            List.of("REVOKE SELECT ON child FROM PUBLIC"),
            List.of("DROP POLICY child_positive ON child"),
            List.of("CREATE SCHEMA extra"),
            List.of("CREATE TABLE extra.things (id int PRIMARY KEY, parent_id int REFERENCES parents (id))"),
            List.of("ALTER TABLE parents RENAME COLUMN id TO parent_id"),
            List.of("ALTER SCHEMA extra RENAME TO more"),
            List.of("ALTER TABLE more.things SET SCHEMA public"),
            List.of("DROP SCHEMA more CASCADE"),
            List.of("CREATE TABLE measures (id int, k int, v text) PARTITION BY RANGE (k)"),
            List.of("CREATE TABLE measures_low PARTITION OF measures FOR VALUES FROM (0) TO (10)"),
            List.of("ALTER TABLE measures RENAME TO readings"),
            List.of("CREATE INDEX readings_k ON readings (k)"),
            List.of("ALTER TABLE readings DETACH PARTITION measures_low"),
            List.of("CREATE TYPE pair AS (a int, b text)"),
            List.of("ALTER TYPE pair ADD ATTRIBUTE c int"),
            List.of("ALTER TABLE child ADD COLUMN both_ pair"),
            List.of("CREATE DOMAIN positive AS int CHECK (VALUE > 0)"),
            List.of("ALTER DOMAIN positive ADD CONSTRAINT small CHECK (VALUE < 100)"),
            List.of("CREATE MATERIALIZED VIEW child_counts AS SELECT parent_id, count(*) FROM child GROUP BY 1"),
            List.of("DROP MATERIALIZED VIEW child_counts"),
            List.of("CREATE TABLE numbered (id int GENERATED ALWAYS AS IDENTITY, v int)"),
            List.of("ALTER TABLE numbered ALTER COLUMN id DROP IDENTITY"),
            List.of(
                    "ALTER TABLE numbered SET (fillfactor = 70)",
                    "ALTER TABLE numbered ALTER COLUMN v SET STATISTICS 100"),
            List.of("ALTER TABLE numbered SET UNLOGGED"),
            List.of("CREATE RULE numbered_nothing AS ON DELETE TO numbered DO INSTEAD NOTHING"),
            List.of("DROP TABLE parents CASCADE"),
            List.of("DROP SEQUENCE counter2 CASCADE"),
            List.of("DROP FUNCTION twice(int) CASCADE"),
            List.of("DROP TYPE feeling CASCADE"),
            List.of("DROP TYPE pair CASCADE"),
            List.of("DROP TABLE readings, measures_low, numbered"),
            List.of("CREATE EXTENSION IF NOT EXISTS plpgsql"),
            List.of("DROP TABLE child CASCADE"));

    @Test
    void theRememberedReadEqualsAFullReadAfterEveryChange() throws SQLException {
        String url = PostgresServer.newDatabaseUrl();
        PostgresSchemaMemo memo = new PostgresSchemaMemo();
        int reads = 0;
        // The full reads share the migrations' session: a reader without a memo reads every catalog
        // again whatever the session did before, and a new backend per step only costs catalog-cache misses.
        try (Connection session = Jdbc.connect(url);
                Connection migrations = Jdbc.connect(url);
                Statement statement = migrations.createStatement()) {
            assertThat(read(session, memo)).isEqualTo(fullRead(migrations));
            reads++;
            for (List<String> step : STEPS) {
                for (String sql : step) {
                    statement.execute(sql);
                }
                assertThat(read(session, memo)).as("after %s", step).isEqualTo(fullRead(migrations));
                reads++;
            }
        }
        // Most steps must have taken the path under test; a full read follows only unattributed
        // changes (the schema rename, the extension) or a transaction running during a read.
        assertThat(reads - memo.fullReads()).isGreaterThan(STEPS.size() * 3 / 4);
    }

    @Test
    void aReadWithoutChangesGivesTheSameSchema() throws SQLException {
        String url = PostgresServer.newDatabaseUrl();
        PostgresSchemaMemo memo = new PostgresSchemaMemo();
        try (Connection session = Jdbc.connect(url);
                Statement statement = session.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
            Schema first = read(session, memo);
            statement.execute("INSERT INTO t VALUES (1)");
            try (Connection fresh = Jdbc.connect(url)) {
                assertThat(read(session, memo)).isEqualTo(first).isEqualTo(fullRead(fresh));
            }
            assertThat(first.tables()).hasSize(1);
        }
    }

    /** A fleet's tenant: the remembered read of one schema stays that schema's alone as both schemas change. */
    @Test
    void theRememberedReadOfOneSchemaEqualsAFullReadOfThatSchema() throws SQLException {
        String url = PostgresServer.newDatabaseUrl();
        PostgresSchemaMemo memo = new PostgresSchemaMemo();
        try (Connection session = Jdbc.connect(url);
                Statement statement = session.createStatement()) {
            statement.execute("CREATE SCHEMA tenant_a");
            statement.execute("CREATE SCHEMA tenant_b");
            statement.execute("CREATE TABLE tenant_a.t (id int PRIMARY KEY)");
            statement.execute("CREATE TABLE tenant_b.t (id int PRIMARY KEY)");
            statement.execute("SET search_path = tenant_a");
            Schema first = new PostgresSchemaReader(session, "tenant_a", "strata_history", true, memo).read();
            assertThat(first.tables())
                    .singleElement()
                    .satisfies(table -> assertThat(table.name().schema()).isEqualTo("tenant_a"));
            statement.execute("ALTER TABLE tenant_b.t ADD COLUMN other text");
            statement.execute("ALTER TABLE tenant_a.t ADD COLUMN name text");
            statement.execute("CREATE INDEX t_name ON tenant_a.t (name)");
            Schema next = new PostgresSchemaReader(session, "tenant_a", "strata_history", true, memo).read();
            Schema full;
            try (Connection fresh = Jdbc.connect(url);
                    Statement set = fresh.createStatement()) {
                set.execute("SET search_path = tenant_a");
                full = new PostgresSchemaReader(fresh, "tenant_a", "strata_history", true).read();
            }
            assertThat(next).isEqualTo(full);
            assertThat(next.tables())
                    .singleElement()
                    .satisfies(table -> assertThat(table.columns())
                            .extracting(column -> column.name())
                            .containsExactly("id", "name"));
            assertThat(next.indexes()).extracting(index -> index.name().name()).contains("t_name");
        }
    }

    private static Schema read(Connection session, PostgresSchemaMemo memo) throws SQLException {
        return new PostgresSchemaReader(session, "public", "strata_history", false, memo).read();
    }

    private static Schema fullRead(Connection connection) throws SQLException {
        return new PostgresSchemaReader(connection, "public", "strata_history", false).read();
    }
}
