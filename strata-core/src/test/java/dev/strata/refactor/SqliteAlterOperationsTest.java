package dev.strata.refactor;

import static dev.strata.refactor.AlterProject.onDelete;
import static dev.strata.refactor.AlterProject.row;
import static dev.strata.refactor.AlterProject.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigurationException;
import dev.strata.dialect.VerificationFailedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every strata alter operation on SQLite, on tables with indexes, a partial index, triggers, views
 * (one reading another), incoming and outgoing foreign keys (CASCADE among them), AUTOINCREMENT, STRICT
 * and WITHOUT ROWID; generated, migrated with foreign keys enforced, and the data checked.
 */
class SqliteAlterOperationsTest {

    static final String SCHEMA = """
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                total TEXT,
                status TEXT NOT NULL DEFAULT 'new',
                note TEXT,
                CONSTRAINT total_not_empty CHECK (total <> '')
            );
            CREATE TABLE order_items (
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                sku TEXT NOT NULL
            );
            CREATE TABLE shipments (order_id INTEGER NOT NULL REFERENCES orders (id), carrier TEXT);
            CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT);
            CREATE TABLE tags (name TEXT PRIMARY KEY, weight TEXT) WITHOUT ROWID;
            CREATE TABLE readings (id INTEGER PRIMARY KEY, value TEXT) STRICT;
            CREATE INDEX orders_user ON orders (user_id);
            CREATE INDEX orders_open ON orders (status) WHERE status <> 'done';
            CREATE UNIQUE INDEX orders_user_note ON orders (user_id, note);
            CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status <> 'done';
            CREATE VIEW open_order_count AS SELECT COUNT(*) AS n FROM open_orders;
            CREATE TRIGGER orders_audit AFTER INSERT ON orders BEGIN
                INSERT INTO audit (what) VALUES ('order ' || new.id);
            END;
            CREATE TRIGGER items_touch AFTER INSERT ON order_items BEGIN
                UPDATE orders SET note = note WHERE id = new.order_id;
            END;
            """;

    static final String DATA = """
            INSERT INTO users VALUES (1, 'a@example.com', 'Ann'), (2, 'b@example.com', 'Bob');
            INSERT INTO orders (id, user_id, total, status, note) VALUES (1, 1, '10.5', 'new', 'x'),
                (2, 1, '20', 'done', 'y'), (7, 2, '0.25', 'new', NULL);
            DELETE FROM orders WHERE id = 7;
            INSERT INTO orders (id, user_id, total, status, note) VALUES (3, 2, '0.25', 'new', NULL);
            INSERT INTO order_items VALUES (1, 1, 'A'), (2, 1, 'B'), (3, 2, 'C'), (4, 3, 'D');
            INSERT INTO shipments VALUES (1, 'ups'), (2, 'dhl');
            INSERT INTO tags VALUES ('red', '1.5'), ('blue', '2');
            INSERT INTO readings VALUES (1, '3.25'), (2, '4'), (3, NULL);
            """;

    @TempDir
    Path dir;

    AlterProject project;

    @BeforeEach
    void schemaAndRows() {
        project = new AlterProject(dir, "sqlite:" + dir.resolve("app.db") + "?foreign_keys=on");
        project.migration("0001_schema.sql", SCHEMA)
                .migration("0002_data.sql", DATA)
                .migrate();
    }

    private void assertEveryRowAndObjectKept() {
        assertThat(project.count("SELECT COUNT(*) FROM users")).isEqualTo(2);
        assertThat(project.count("SELECT COUNT(*) FROM orders")).isEqualTo(3);
        assertThat(project.count("SELECT COUNT(*) FROM order_items")).isEqualTo(4);
        assertThat(project.count("SELECT COUNT(*) FROM shipments")).isEqualTo(2);
        assertThat(project.rows("SELECT name FROM sqlite_master WHERE type IN ('index', 'view', 'trigger')"
                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name"))
                .extracting(r -> r.get(0))
                .contains(
                        "items_touch",
                        "open_order_count",
                        "open_orders",
                        "orders_audit",
                        "orders_open",
                        "orders_user",
                        "orders_user_note");
        assertThat(project.count("SELECT n FROM open_order_count")).isEqualTo(2);
        assertThat(project.rows("PRAGMA foreign_key_check")).isEmpty();
        assertThat(project.rows("PRAGMA integrity_check")).containsExactly(row("ok"));
    }

    @Test
    void typeRebuildsOrdersKeepingChildrenIndexesTriggersViewsAndTheAutoincrementMark() {
        String sql = project.alter("orders", type("total=REAL"));
        project.migrate();

        assertThat(sql)
                .contains("-- strata:foreign-keys off")
                .contains("DROP VIEW open_order_count")
                .contains("DROP TRIGGER items_touch")
                .contains("UPDATE sqlite_sequence");
        assertEveryRowAndObjectKept();
        assertThat(project.rows("SELECT id, typeof(total), total FROM orders ORDER BY id"))
                .containsExactly(row("1", "real", "10.5"), row("2", "real", "20.0"), row("3", "real", "0.25"));
        assertThat(project.count("SELECT seq FROM sqlite_sequence WHERE name = 'orders'"))
                .isEqualTo(7);
        project.execute("INSERT INTO orders (user_id, total) VALUES (1, 5)");
        assertThat(project.count("SELECT MAX(id) FROM orders"))
                .as("ids are never reused")
                .isEqualTo(8);
        assertThat(project.count("SELECT COUNT(*) FROM audit"))
                .as("the trigger is back")
                .isEqualTo(5);
    }

    @Test
    void onDeleteCascadeToRestrictKeepsEveryRowAndThenRefusesTheDelete() {
        project.alter("orders", onDelete("user_id=RESTRICT"));
        project.migrate();

        assertEveryRowAndObjectKept();
        assertThat(project.rows("SELECT sql FROM sqlite_master WHERE name = 'orders'")
                        .get(0)
                        .get(0))
                .contains("REFERENCES users (id) ON DELETE RESTRICT");
        assertThatThrownBy(() -> project.execute("DELETE FROM users WHERE id = 1"))
                .hasMessageContaining("FOREIGN KEY constraint failed");
    }

    @Test
    void rebuildingAParentWithCascadingChildrenKeepsTheChildren() {
        String sql = project.alter("users", type("email=TEXT COLLATE NOCASE"));
        project.migrate();

        assertThat(sql).contains("PRAGMA foreign_key_check(orders)");
        assertEveryRowAndObjectKept();
        assertThat(project.count("SELECT COUNT(*) FROM users WHERE email = 'A@EXAMPLE.COM'"))
                .isEqualTo(1);
    }

    @Test
    void notNullAndNullable() {
        project.execute("UPDATE orders SET note = 'z' WHERE note IS NULL");
        project.alter("orders", new AlterOperation.SetNotNull("note"), new AlterOperation.DropNotNull("status"));
        project.migrate();

        assertEveryRowAndObjectKept();
        assertThatThrownBy(() -> project.execute("INSERT INTO orders (user_id, total, note) VALUES (1, 1, NULL)"))
                .hasMessageContaining("NOT NULL constraint failed: orders.note");
        project.execute("INSERT INTO orders (user_id, total, status, note) VALUES (1, 1, NULL, 'n')");
    }

    /**
     * A precondition lists the rows that hold a NULL before anything runs, where SQLite's own message
     * would only name the column; the copy still fails on them for a tool that ignores the directive.
     */
    @Test
    void notNullOverNullsIsWrittenWithAWarningAndRefusedListingTheRows() {
        Refactorer.Result result = project.alterResult("orders", new AlterOperation.SetNotNull("note"));

        assertThat(result.files()).hasSize(1);
        assertThat(result.notices())
                .singleElement()
                .asString()
                .contains("rehearsed the new migration on the shadow database and it failed there")
                .contains("NOT NULL constraint failed: orders_new.note");
        assertThat(AlterProject.text(result.files().get(0)))
                .contains("-- strata:require SELECT true AS rows_with_no_note WHERE NOT EXISTS (SELECT 1 FROM orders"
                        + " WHERE note IS NULL) UNION ALL SELECT 'id = ' || id FROM orders WHERE note IS NULL")
                .contains("INSERT INTO orders_new")
                .doesNotContain("WHERE note IS NOT NULL");

        assertThatThrownBy(project::migrate)
                .hasMessageContaining("precondition not met: note becomes NOT NULL")
                .hasMessageContaining("rows_with_no_note = 'id = 3'")
                .hasMessageContaining("nothing was changed");
        assertEveryRowAndObjectKept();
    }

    @Test
    void addAndDropChecks() {
        project.alter(
                "orders",
                new AlterOperation.DropCheck("total_not_empty"),
                AlterOperation.addCheck("status_known=status IN ('new', 'done')"));
        project.migrate();

        assertEveryRowAndObjectKept();
        project.execute("INSERT INTO orders (user_id, total) VALUES (1, '')");
        assertThatThrownBy(() -> project.execute("INSERT INTO orders (user_id, total, status) VALUES (1, 1, 'odd')"))
                .hasMessageContaining("CHECK constraint failed: status_known");
    }

    @Test
    void addUniqueIsAUniqueIndexWithoutARebuild() {
        String sql = project.alter("users", AlterOperation.addUnique("email"));
        project.migrate();

        assertThat(sql)
                .doesNotContain("users_new")
                .contains("CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email)");
        assertThatThrownBy(() -> project.execute("INSERT INTO users VALUES (3, 'a@example.com', 'Al')"))
                .hasMessageContaining("UNIQUE constraint failed");
    }

    @Test
    void dropColumnIsNativeWhenSqliteAllowsItAndRefusedWhenAnIndexOrTriggerUsesIt() {
        String sql = project.alter("users", new AlterOperation.DropColumn("name"));
        project.migrate();
        assertThat(sql).contains("ALTER TABLE users DROP COLUMN name").doesNotContain("users_new");
        assertThat(project.rows("SELECT * FROM users ORDER BY id"))
                .containsExactly(row("1", "a@example.com"), row("2", "b@example.com"));

        assertThatThrownBy(() -> project.alter("orders", new AlterOperation.DropColumn("note")))
                .isInstanceOf(AlterRefusedException.class)
                .hasMessageContaining("index orders_user_note, trigger items_touch");
    }

    @Test
    void droppingAForeignKeyColumnRebuildsWithoutTheKey() {
        String sql = project.alter("shipments", new AlterOperation.DropColumn("order_id"));
        project.migrate();

        assertThat(sql).contains("shipments_new");
        assertThat(project.rows("SELECT carrier FROM shipments ORDER BY rowid"))
                .containsExactly(row("ups"), row("dhl"));
        assertThat(project.rows("SELECT sql FROM sqlite_master WHERE name = 'shipments'")
                        .get(0)
                        .get(0))
                .doesNotContain("REFERENCES");
    }

    @Test
    void renameIsNativeAndRewritesViewsWhileATypeChangeOfTheRenamedColumnRebuilds() {
        String sql = project.alter("orders", AlterOperation.renameColumn("total=amount"), type("total=REAL"));
        project.migrate();

        assertThat(sql)
                .contains("ALTER TABLE orders RENAME COLUMN total TO amount")
                .contains("amount REAL");
        assertEveryRowAndObjectKept();
        assertThat(project.rows("SELECT typeof(amount) FROM orders WHERE id = 1"))
                .containsExactly(row("real"));
        assertThat(project.rows("SELECT amount FROM open_orders ORDER BY id"))
                .as("SQLite's rename rewrote the view")
                .containsExactly(row("10.5"), row("0.25"));
    }

    @Test
    void softDeleteAddsTheColumnIndexViewAndATriggerThatRefusesDelete() {
        String sql = project.alter("orders", new AlterOperation.SoftDelete());
        project.migrate();

        assertThat(sql)
                .contains("ALTER TABLE orders ADD COLUMN deleted_at TEXT")
                .contains("CREATE INDEX IF NOT EXISTS orders_live_idx ON orders (id) WHERE deleted_at IS NULL");
        assertThatThrownBy(() -> project.execute("DELETE FROM orders WHERE id = 3"))
                .hasMessageContaining("orders rows are soft-deleted: set deleted_at");
        project.execute("UPDATE orders SET deleted_at = CURRENT_TIMESTAMP WHERE id = 3");
        assertThat(project.rows("SELECT id FROM orders_live ORDER BY id")).containsExactly(row("1"), row("2"));
        assertThat(project.count("SELECT COUNT(*) FROM orders")).isEqualTo(3);
        assertThat(project.rows("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE deleted_at IS NULL AND id > 0")
                        .toString())
                .contains("orders_live_idx");
    }

    @Test
    void withoutRowidTablesAreCopiedByTheirKey() {
        String sql = project.alter("tags", type("weight=REAL"));
        project.migrate();

        assertThat(sql).contains("WITHOUT ROWID").doesNotContain("rowid,");
        assertThat(project.rows("SELECT name, typeof(weight), weight FROM tags ORDER BY name"))
                .containsExactly(row("blue", "real", "2.0"), row("red", "real", "1.5"));
    }

    /**
     * A STRICT table refuses a value that is not a number: a precondition lists those rows first, and
     * the copy never changes a value to make it fit (a tool that ignores the directive fails on it).
     */
    @Test
    void strictTablesListTheValuesThatAreNotNumbersInsteadOfFailingBlind() {
        project.execute("INSERT INTO readings VALUES (4, 'n/a')");
        String sql = project.alter("readings", type("value=REAL"));

        assertThat(sql)
                .contains("STRICT")
                .contains("-- strata:require SELECT true AS rows_where_value_is_not_a_number")
                .contains("SELECT id, value\nFROM readings")
                .doesNotContain("CASE WHEN");
        assertThatThrownBy(project::migrate)
                .hasMessageContaining("precondition not met: value becomes REAL in a STRICT table")
                .hasMessageContaining("rows_where_value_is_not_a_number = 'id = 4'")
                .hasMessageContaining("nothing was changed");
        assertThat(project.rows("SELECT value FROM readings WHERE id = 4")).containsExactly(row("n/a"));

        project.execute("DELETE FROM readings WHERE id = 4");
        project.migrate();
        assertThat(project.rows("SELECT id, typeof(value) FROM readings ORDER BY id"))
                .containsExactly(row("1", "real"), row("2", "real"), row("3", "null"));
    }

    /** "重量" and "长度" both fold to "__": each conversion still gets temporary tables of its own. */
    @Test
    void twoConvertedColumnsWhoseNamesFoldAlikeGetTemporaryTablesOfTheirOwn() {
        project.migration(
                        "0003_metrics.sql",
                        "CREATE TABLE metrics (id INTEGER PRIMARY KEY, \"重量\" TEXT, \"长度\" TEXT);\n"
                                + "INSERT INTO metrics VALUES (1, '2.5', '10');\n")
                .migrate();
        String sql = project.alter("metrics", type("重量=REAL"), type("长度=REAL"));
        project.migrate();

        assertThat(sql).contains("strata_0004____1_not_numbers").contains("strata_0004____2_not_numbers");
        assertThat(project.rows("SELECT typeof(\"重量\"), typeof(\"长度\") FROM metrics"))
                .containsExactly(row("real", "real"));
    }

    @Test
    void aConversionThatMovesANumberBeyondTheToleranceIsRolledBack() {
        project.strata()
                .alter(new AlterRequest(
                        "orders",
                        List.of(AlterOperation.type("total=REAL", Optional.of("round(total)"))),
                        Optional.of("rounded"),
                        0.0001));

        assertThatThrownBy(project::migrate)
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("0003_rounded.sql")
                .hasMessageContaining("id = 1, before = '10.5', after = 11.0");
        assertThat(project.rows("SELECT total FROM orders WHERE id = 1")).containsExactly(row("10.5"));
    }

    @Test
    void unknownNamesAreUsageErrors() {
        assertThatThrownBy(() -> project.alter("nope", type("a=REAL")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("there is no table nope");
        assertThatThrownBy(() -> project.alter("orders", onDelete("total=RESTRICT")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("orders.total is in no foreign key");
        assertThatThrownBy(() -> project.alter("orders", new AlterOperation.DropCheck("nope")))
                .hasMessageContaining("its named CHECK constraints: total_not_empty");
        assertThat(dir.resolve("migrations").toFile().list()).hasSize(2);
    }
}
