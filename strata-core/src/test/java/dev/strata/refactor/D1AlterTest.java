package dev.strata.refactor;

import static dev.strata.refactor.AlterProject.onDelete;
import static dev.strata.refactor.AlterProject.row;
import static dev.strata.refactor.AlterProject.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.sql.SqliteSplitter;
import dev.strata.sql.Statement;
import dev.strata.testing.Jdbc;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code [migrations] target = "d1"}: no PRAGMA foreign_keys, no BEGIN/COMMIT, and a rebuild
 * ordered so that no ON DELETE action fires. Applied with foreign keys ON, as D1 always has them, every
 * child row survives, through strata and through plain JDBC that knows nothing of strata's directives.
 */
class D1AlterTest {

    @TempDir
    Path dir;

    AlterProject project;

    @BeforeEach
    void schemaAndRows() {
        project = new AlterProject(dir, "sqlite:" + dir.resolve("d1.db") + "?foreign_keys=on");
        project.write("strata.toml", "[migrations]\ntarget = \"d1\"\n");
        project.migration("0001_schema.sql", SqliteAlterOperationsTest.SCHEMA + """
                CREATE TABLE employees (
                    id INTEGER PRIMARY KEY,
                    manager_id INTEGER REFERENCES employees (id) ON DELETE CASCADE,
                    salary TEXT
                );
                """);
        project.migration(
                "0002_data.sql",
                SqliteAlterOperationsTest.DATA
                        + "INSERT INTO employees VALUES (1, NULL, '100'), (2, 1, '80'), (3, 2, '60');\n");
        project.migrate();
    }

    private void assertEveryRowKept() {
        assertThat(project.count("SELECT COUNT(*) FROM users")).isEqualTo(2);
        assertThat(project.count("SELECT COUNT(*) FROM orders")).isEqualTo(3);
        assertThat(project.count("SELECT COUNT(*) FROM order_items")).isEqualTo(4);
        assertThat(project.count("SELECT COUNT(*) FROM shipments")).isEqualTo(2);
        assertThat(project.rows("PRAGMA foreign_key_check")).isEmpty();
        assertThat(project.count("SELECT n FROM open_order_count")).isEqualTo(2);
    }

    @Test
    void rebuildingAParentRebuildsEveryTableThatReferencesItAndKeepsTheirRows() {
        Refactorer.Result result = project.alterResult("users", type("email=TEXT COLLATE NOCASE"));
        String sql = AlterProject.text(result.files().get(0));

        assertThat(result.notices())
                .singleElement()
                .asString()
                .contains("also rebuilds orders, shipments, order_items, which reference users directly or through");
        assertThat(SqliteSplitter.INSTANCE.split("d1.sql", sql).statements())
                .extracting(Statement::sql)
                .noneMatch(s ->
                        s.matches("(?is)(--[^\n]*\n)*\s*(PRAGMA\s+foreign_keys\b|BEGIN|COMMIT|END TRANSACTION).*"));
        assertThat(sql)
                .doesNotContain("strata:foreign-keys")
                .contains("PRAGMA defer_foreign_keys = ON")
                .contains("REFERENCES users_new (id) ON DELETE CASCADE")
                .contains("REFERENCES orders_new (id) ON DELETE CASCADE");
        assertThat(sql.indexOf("DROP TABLE order_items")).isLessThan(sql.indexOf("DROP TABLE orders"));
        assertThat(sql.indexOf("DROP TABLE orders")).isLessThan(sql.indexOf("DROP TABLE users"));

        project.migrate();

        assertEveryRowKept();
        assertThat(project.rows("SELECT sql FROM sqlite_master WHERE name = 'orders'")
                        .get(0)
                        .get(0))
                .contains("REFERENCES \"users\" (id) ON DELETE CASCADE");
        project.execute("DELETE FROM users WHERE id = 2");
        assertThat(project.count("SELECT COUNT(*) FROM orders"))
                .as("the cascade still works afterwards")
                .isEqualTo(2);
    }

    @Test
    void cascadeToRestrictKeepsEveryChildRow() {
        project.alter("orders", onDelete("user_id=RESTRICT"));
        project.migrate();

        assertEveryRowKept();
        assertThatThrownBy(() -> project.execute("DELETE FROM users WHERE id = 1"))
                .hasMessageContaining("FOREIGN KEY constraint failed");
    }

    @Test
    void aSelfReferencingTableKeepsItsTree() {
        project.alter("employees", type("salary=REAL"));
        project.migrate();

        assertThat(project.rows("SELECT id, manager_id, typeof(salary) FROM employees ORDER BY id"))
                .containsExactly(row("1", null, "real"), row("2", "1", "real"), row("3", "2", "real"));
        project.execute("DELETE FROM employees WHERE id = 2");
        assertThat(project.count("SELECT COUNT(*) FROM employees"))
                .as("its own cascade still works")
                .isEqualTo(1);
    }

    @Test
    void theFileRunsAsD1RunsIt_plainStatementsInOneTransactionWithForeignKeysOn() throws Exception {
        String sql = project.alter("users", type("name=TEXT NOT NULL DEFAULT ''"));

        try (Connection connection = Jdbc.connect(project.url)) {
            connection.setAutoCommit(false);
            for (Statement statement :
                    SqliteSplitter.INSTANCE.split("d1.sql", sql).statements()) {
                try (java.sql.Statement jdbc = connection.createStatement()) {
                    jdbc.execute(statement.sql());
                }
            }
            connection.commit();
        }

        assertEveryRowKept();
        assertThat(project.rows("SELECT sql FROM sqlite_master WHERE name = 'users'")
                        .get(0)
                        .get(0))
                .contains("name TEXT NOT NULL DEFAULT ''");
    }
}
