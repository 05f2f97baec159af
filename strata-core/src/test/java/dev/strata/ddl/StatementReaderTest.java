package dev.strata.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.sql.PostgresSplitter;
import dev.strata.sql.SqlSplitter;
import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.TokenizedScript;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementReaderTest {

    private static Change read(SqlSplitter splitter, String sql) {
        TokenizedScript script = splitter.tokenize("t.sql", sql);
        assertThat(script.statements()).hasSize(1);
        return StatementReader.read(script.statements().get(0));
    }

    private static Change sqlite(String sql) {
        return read(SqliteSplitter.INSTANCE, sql);
    }

    private static Change postgres(String sql) {
        return read(PostgresSplitter.INSTANCE, sql);
    }

    @Test
    void createTableReadsColumnsTypesConstraintsAndForeignKeys() {
        Change.CreateTable table = (Change.CreateTable) sqlite("""
                CREATE TABLE IF NOT EXISTS "Orders" (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    total DECIMAL(12, 4) NOT NULL DEFAULT 0, -- money
                    placed_at DATETIME DEFAULT CURRENT_TIMESTAMP,
                    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
                    code TEXT UNIQUE,
                    CONSTRAINT fk_shop FOREIGN KEY (shop_id, region) REFERENCES shops (id, region) ON DELETE SET NULL
                )""");

        assertThat(table.table().name()).isEqualTo("Orders");
        assertThat(table.table().key()).isEqualTo("orders");
        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.columns())
                .extracting(ColumnDefinition::name)
                .containsExactly("id", "total", "placed_at", "user_id", "code");
        ColumnDefinition total = table.column("TOTAL").orElseThrow();
        assertThat(total.type()).isEqualTo("DECIMAL(12, 4)");
        assertThat(total.notNull()).isTrue();
        assertThat(total.defaultText()).isEqualTo("0");
        assertThat(table.column("id").orElseThrow().primaryKey()).isTrue();
        assertThat(table.column("placed_at").orElseThrow().defaultText()).isEqualTo("CURRENT_TIMESTAMP");
        assertThat(table.foreignKeys())
                .extracting(ForeignKeyDefinition::columns, k -> k.target().name(), ForeignKeyDefinition::onDelete)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(List.of("user_id"), "users", "CASCADE"),
                        org.assertj.core.groups.Tuple.tuple(List.of("shop_id", "region"), "shops", "SET NULL"));
        assertThat(table.uniques()).containsExactly(List.of("code"));
    }

    @Test
    void alterTableActionsAreReadOneByOne() {
        Change.AlterTable alter = (Change.AlterTable) postgres("""
                ALTER TABLE ONLY public.users
                    ADD COLUMN IF NOT EXISTS age integer NOT NULL DEFAULT 0,
                    DROP COLUMN legacy CASCADE,
                    ALTER COLUMN score SET DATA TYPE numeric(10,2) USING score::numeric,
                    ALTER name SET NOT NULL,
                    ADD CONSTRAINT fk FOREIGN KEY (team_id) REFERENCES teams NOT VALID,
                    ADD UNIQUE (email),
                    RENAME COLUMN a TO b""");

        assertThat(alter.table().schema()).isEqualTo("public");
        assertThat(alter.actions()).hasSize(7);
        assertThat(alter.actions().get(0))
                .isInstanceOfSatisfying(
                        AlterAction.AddColumn.class,
                        add -> assertThat(add.column().notNull()).isTrue());
        assertThat(alter.actions().get(1))
                .isInstanceOfSatisfying(
                        AlterAction.DropColumn.class,
                        drop -> assertThat(drop.column()).isEqualTo("legacy"));
        assertThat(alter.actions().get(2)).isInstanceOfSatisfying(AlterAction.AlterColumnType.class, type -> {
            assertThat(type.type()).isEqualTo("numeric(10, 2)");
            assertThat(type.using()).isTrue();
        });
        assertThat(alter.actions().get(3)).isInstanceOf(AlterAction.SetNotNull.class);
        assertThat(alter.actions().get(4)).isInstanceOfSatisfying(AlterAction.AddConstraint.class, add -> {
            assertThat(add.notValid()).isTrue();
            assertThat(add.foreignKey().target().name()).isEqualTo("teams");
        });
        assertThat(alter.actions().get(5))
                .isInstanceOfSatisfying(
                        AlterAction.AddConstraint.class,
                        add -> assertThat(add.columns()).containsExactly("email"));
        assertThat(alter.actions().get(6)).isInstanceOf(AlterAction.RenameColumn.class);
    }

    @Test
    void whereIsOnlySeenAtTheTopLevel() {
        assertThat(((Change.Update) sqlite("UPDATE t SET a = (SELECT max(x) FROM u WHERE u.id = 1)")).where())
                .isFalse();
        assertThat(((Change.Update) sqlite("UPDATE OR IGNORE t SET a = 1 WHERE id = 2")).where())
                .isTrue();
        assertThat(((Change.Delete) postgres("WITH old AS (SELECT 1) DELETE FROM ONLY t")).where())
                .isFalse();
        assertThat(sqlite("SELECT * FROM t WHERE x = 'DELETE FROM t'")).isInstanceOf(Change.Other.class);
    }

    @Test
    void insertSelectNamesItsSourceTable() {
        Change.Insert insert =
                (Change.Insert) sqlite("INSERT INTO t_new (a, b) SELECT a, CAST(b AS REAL) FROM main.t WHERE a > 0");
        assertThat(insert.table().name()).isEqualTo("t_new");
        assertThat(insert.selectFrom())
                .hasValueSatisfying(from -> assertThat(from.name()).isEqualTo("t"));
        assertThat(((Change.Insert) sqlite("INSERT INTO t VALUES (1)")).selectFrom())
                .isEmpty();
    }

    @Test
    void dropsIndexesPragmasAndSettings() {
        Change.Drop drop = (Change.Drop) postgres("DROP TABLE IF EXISTS a, s.b CASCADE");
        assertThat(drop.type()).isEqualTo(Change.ObjectType.TABLE);
        assertThat(drop.names()).extracting(Name::toString).containsExactly("a", "s.b");
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.cascade()).isTrue();
        Change.CreateIndex index = (Change.CreateIndex)
                postgres("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY t USING btree (a, lower(b))");
        assertThat(index.unique()).isTrue();
        assertThat(index.concurrently()).isTrue();
        assertThat(index.columns()).containsExactly("a", null);
        assertThat(((Change.Pragma) sqlite("PRAGMA foreign_keys = OFF")).value())
                .isEqualTo("OFF");
        assertThat(((Change.SetParameter) postgres("SET LOCAL lock_timeout = '5s'")).name())
                .isEqualTo("lock_timeout");
        assertThat(sqlite("COMMIT")).isInstanceOf(Change.TransactionControl.class);
    }

    @Test
    void tokenizeKeepsSpansSoTheTextCanBeRebuilt() {
        String text = "-- head\nCREATE TABLE a (x TEXT DEFAULT ';');  /* gap */\nDROP TABLE a";
        TokenizedScript script = SqliteSplitter.INSTANCE.tokenize("t.sql", text);

        assertThat(script.statements()).hasSize(2);
        TokenizedScript.Part first = script.statements().get(0);
        assertThat(text.substring(first.start(), first.end()))
                .isEqualTo(first.statement().sql());
        assertThat(first.lexemes().get(0).line()).isEqualTo(2);
        assertThat(first.lexemes()).extracting(l -> l.text()).contains("';'");
        assertThat(first.lexemes().get(2).offset()).isEqualTo("CREATE TABLE ".length());
    }

    @Test
    void maintenanceCommandsReadWhatTheyNameAndWhetherTheyRewriteOrWorkConcurrently() {
        Change.Maintenance vacuum =
                (Change.Maintenance) postgres("VACUUM (FULL, ANALYZE) public.orders (total), users");
        assertThat(vacuum.rewrites()).isTrue();
        assertThat(vacuum.names()).extracting(Name::toString).containsExactly("public.orders", "users");
        assertThat(((Change.Maintenance) postgres("VACUUM (FULL off) orders")).rewrites())
                .isFalse();
        assertThat(((Change.Maintenance) postgres("VACUUM FULL app.public.orders, users")).names())
                .extracting(Name::toString)
                .containsExactly("public.orders", "users");
        assertThat(((Change.Maintenance) postgres("VACUUM FREEZE VERBOSE FULL")).rewrites())
                .isTrue();

        Change.Maintenance legacyCluster = (Change.Maintenance) postgres("CLUSTER ix_orders_user ON orders");
        assertThat(legacyCluster.names()).extracting(Name::name).containsExactly("orders");
        assertThat(((Change.Maintenance) postgres("CLUSTER VERBOSE")).names()).isEmpty();

        Change.Maintenance reindex = (Change.Maintenance) postgres("REINDEX (VERBOSE, CONCURRENTLY true) INDEX ix");
        assertThat(reindex.scope()).isEqualTo(Change.ObjectType.INDEX);
        assertThat(reindex.concurrently()).isTrue();
        assertThat(((Change.Maintenance) postgres("REINDEX SYSTEM")).scope()).isEqualTo(Change.ObjectType.OTHER);
        assertThat(postgres("REINDEX orders")).isInstanceOf(Change.Other.class);

        Change.AlterTable detach =
                (Change.AlterTable) postgres("ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY");
        AlterAction.DetachPartition action =
                (AlterAction.DetachPartition) detach.actions().get(0);
        assertThat(action.partition().name()).isEqualTo("events_2024");
        assertThat(action.concurrently()).isTrue();
        Change.AlterTable locking = (Change.AlterTable) postgres("ALTER TABLE events DETACH PARTITION events_2024");
        assertThat(((AlterAction.DetachPartition) locking.actions().get(0)).concurrently())
                .isFalse();
    }

    /** The ALTER TYPE, DOMAIN and SCHEMA forms the object rules judge; the others are left as Other. */
    @Test
    void readsTheEnumDomainAndSchemaChangesThatRunningCodeDependsOn() {
        Change.AddEnumValue add =
                (Change.AddEnumValue) postgres("ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok'");
        assertThat(add.type()).hasToString("public.mood");
        assertThat(add.value()).isEqualTo("'happy'");
        assertThat(add.at().text()).isEqualTo("ADD");

        Change.RenameEnumValue rename =
                (Change.RenameEnumValue) postgres("ALTER TYPE \"Mood\" RENAME VALUE 'ok' TO 'fine'");
        assertThat(rename.type().key()).isEqualTo("mood");
        assertThat(rename.value()).isEqualTo("'ok'");
        assertThat(rename.renamedTo()).isEqualTo("'fine'");
        assertThat(postgres("ALTER TYPE mood RENAME TO feeling")).isInstanceOf(Change.Other.class);

        assertThat(((Change.AlterDomain) postgres("ALTER DOMAIN price ADD CHECK (VALUE > 0)")).change())
                .isEqualTo(Change.DomainChange.ADD_CONSTRAINT);
        assertThat(((Change.AlterDomain) postgres("ALTER DOMAIN price ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID"))
                        .change())
                .isEqualTo(Change.DomainChange.ADD_CONSTRAINT_NOT_VALID);
        Change.AlterDomain notNull = (Change.AlterDomain) postgres("ALTER DOMAIN app.price SET NOT NULL");
        assertThat(notNull.domain()).hasToString("app.price");
        assertThat(notNull.change()).isEqualTo(Change.DomainChange.SET_NOT_NULL);
        assertThat(postgres("ALTER DOMAIN price VALIDATE CONSTRAINT p")).isInstanceOf(Change.Other.class);

        Change.RenameSchema schema = (Change.RenameSchema) postgres("ALTER SCHEMA reporting RENAME TO analytics");
        assertThat(schema.schema().name()).isEqualTo("reporting");
        assertThat(schema.renamedTo()).isEqualTo("analytics");
        assertThat(postgres("ALTER SCHEMA reporting OWNER TO app")).isInstanceOf(Change.Other.class);
    }
}
