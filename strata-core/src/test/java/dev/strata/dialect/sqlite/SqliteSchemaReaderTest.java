package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.strata.Strata;
import dev.strata.config.DatabaseUrls;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.NotCompared;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.View;
import dev.strata.schema.VirtualTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaReaderTest {

    @TempDir
    Path dir;

    private static QualifiedName main(String name) {
        return new QualifiedName("main", name);
    }

    private Schema read(String script) {
        Path file = dir.resolve("db-" + System.nanoTime() + ".db");
        SqliteFiles.run(file, script);
        return SqliteFiles.schema(file);
    }

    /**
     * A session that reads again and again (the shadow database) reuses what the pragmas said of
     * unchanged objects; after every kind of change its read must still equal a first read.
     */
    @Test
    void aSessionReadingAgainSeesEveryChangeAsAFreshReadDoes() {
        Path file = dir.resolve("session.db");
        SqliteFiles.run(file, """
                CREATE TABLE parents (id INTEGER PRIMARY KEY, code TEXT);
                CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents);
                CREATE INDEX ix_children_parent ON children (parent_id);
                CREATE VIEW v_children AS SELECT id FROM children;
                """);
        List<String> changes = List.of(
                "ALTER TABLE children ADD COLUMN note TEXT",
                "ALTER TABLE children RENAME COLUMN note TO remark",
                "DROP INDEX ix_children_parent; CREATE UNIQUE INDEX ix_children_parent ON children (parent_id DESC)",
                // the implied target columns of children's key follow the parent's new primary key
                "CREATE TABLE parents_new (code TEXT PRIMARY KEY, id INTEGER); INSERT INTO parents_new SELECT code, id"
                        + " FROM parents; DROP TABLE parents; ALTER TABLE parents_new RENAME TO parents",
                "DROP VIEW v_children; CREATE VIEW v_children (child) AS SELECT id FROM children",
                "CREATE VIRTUAL TABLE notes USING fts5(body)",
                "ALTER TABLE children RENAME TO kids",
                "INSERT INTO kids (id) VALUES (1)");
        try (Database session = SqliteDialect.INSTANCE.open(
                DatabaseUrls.parse("sqlite:" + file, dir),
                SqliteFiles.HISTORY,
                Dialect.Access.READ,
                WaitListener.SILENT)) {
            assertThat(session.schema()).isEqualTo(SqliteFiles.schema(file));
            for (String change : changes) {
                SqliteFiles.run(file, change + ";");
                assertThat(session.schema()).as("after %s", change).isEqualTo(SqliteFiles.schema(file));
            }
            Table kids = session.schema().table("kids").orElseThrow();
            assertThat(kids.column("remark")).isPresent();
            assertThat(kids.foreignKeys().get(0).targetColumns()).containsExactly("code");
            assertThat(session.schema().tables())
                    .extracting(table -> table.name().name())
                    .containsExactly("kids", "parents");
        }
    }

    @Test
    void readsColumnsWithTypesNullabilityDefaultsCollationsAndGeneratedExpressions() {
        Schema schema = read("""
                CREATE TABLE items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL COLLATE nocase,
                    code varchar(10) COLLATE BINARY,
                    price REAL DEFAULT -1.5,
                    note DEFAULT 'none',
                    created_at TEXT DEFAULT (datetime( 'now' )),
                    doubled INTEGER GENERATED ALWAYS AS (id  *  2) STORED,
                    label AS (upper(name)) VIRTUAL,
                    untyped
                );
                """);

        Table items = schema.table("items").orElseThrow();
        assertThat(items.columns())
                .containsExactly(
                        Column.of("id", "INTEGER", false, null),
                        new Column("name", "TEXT", true, null, "NOCASE", null, null, null),
                        Column.of("code", "varchar(10)", false, null),
                        Column.of("price", "REAL", false, "-1.5"),
                        Column.of("note", "", false, "'none'"),
                        Column.of("created_at", "TEXT", false, "datetime('now')"),
                        new Column(
                                "doubled",
                                "INTEGER",
                                false,
                                null,
                                null,
                                new Column.Generated("id * 2", true),
                                null,
                                null),
                        new Column(
                                "label", "", false, null, null, new Column.Generated("upper(name)", false), null, null),
                        Column.of("untyped", "", false, null));
        assertThat(items.primaryKey()).isEqualTo(new PrimaryKey(null, List.of("id"), true));
        assertThat(items.strict()).isFalse();
        assertThat(items.withoutRowid()).isFalse();
        assertThat(schema.engine()).isEqualTo("sqlite");
        assertThat(schema.defaultSchema()).isEqualTo("main");
    }

    @Test
    void readsTableOptionsCompositeKeysChecksAndUniques() {
        Schema schema = read("""
                CREATE TABLE pairs (
                    a TEXT, b INTEGER, c TEXT UNIQUE,
                    d INTEGER CONSTRAINT d_positive CHECK (d > 0) CHECK (d < 100),
                    PRIMARY KEY (b, a),
                    UNIQUE (c, d),
                    CONSTRAINT a_short CHECK (length(a) < 10 /* bytes */),
                    CHECK (a <> c)
                ) STRICT, WITHOUT ROWID;
                """);

        Table pairs = schema.table("pairs").orElseThrow();
        assertThat(pairs.strict()).isTrue();
        assertThat(pairs.withoutRowid()).isTrue();
        assertThat(pairs.primaryKey()).isEqualTo(new PrimaryKey(List.of("b", "a")));
        assertThat(pairs.column("a").orElseThrow().notNull())
                .as("WITHOUT ROWID keys are NOT NULL")
                .isTrue();
        assertThat(pairs.checks())
                .containsExactly(
                        new CheckConstraint(null, "a <> c", true),
                        new CheckConstraint(null, "d < 100", true),
                        new CheckConstraint("a_short", "length(a) < 10", true),
                        new CheckConstraint("d_positive", "d > 0", true));
        assertThat(pairs.uniques())
                .containsExactly(
                        new UniqueConstraint(null, List.of("c")), new UniqueConstraint(null, List.of("c", "d")));
        assertThat(schema.indexes())
                .as("indexes behind constraints are not indexes")
                .isEmpty();
    }

    @Test
    void readsForeignKeysWithActionsDeferrabilityAndImpliedTargetColumns() {
        Schema schema = read("""
                CREATE TABLE Parents (id INTEGER PRIMARY KEY, x TEXT, y TEXT, UNIQUE (x, y));
                CREATE TABLE pair_keys (p TEXT, q TEXT, PRIMARY KEY (p, q));
                CREATE TABLE children (
                    id INTEGER PRIMARY KEY,
                    parent_id INTEGER NOT NULL REFERENCES parents ON DELETE CASCADE ON UPDATE SET NULL,
                    x TEXT, y TEXT, p TEXT, q TEXT,
                    FOREIGN KEY (x, y) REFERENCES PARENTS (X, Y) ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED,
                    FOREIGN KEY (p, q) REFERENCES pair_keys ON UPDATE RESTRICT DEFERRABLE INITIALLY IMMEDIATE,
                    FOREIGN KEY (q) REFERENCES missing (id) NOT DEFERRABLE INITIALLY DEFERRED
                );
                """);

        Table children = schema.table("children").orElseThrow();
        assertThat(children.foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                null,
                                List.of("p", "q"),
                                main("pair_keys"),
                                List.of("p", "q"),
                                ReferentialAction.NO_ACTION,
                                ReferentialAction.RESTRICT,
                                true,
                                false,
                                true),
                        new ForeignKey(
                                null,
                                List.of("parent_id"),
                                main("Parents"),
                                List.of("id"),
                                ReferentialAction.CASCADE,
                                ReferentialAction.SET_NULL,
                                false,
                                false,
                                true),
                        new ForeignKey(
                                null,
                                List.of("q"),
                                main("missing"),
                                List.of("id"),
                                ReferentialAction.NO_ACTION,
                                ReferentialAction.NO_ACTION,
                                false,
                                false,
                                true),
                        new ForeignKey(
                                null,
                                List.of("x", "y"),
                                main("Parents"),
                                List.of("x", "y"),
                                ReferentialAction.SET_DEFAULT,
                                ReferentialAction.NO_ACTION,
                                true,
                                true,
                                true));
        assertThat(schema.referencesTo(main("Parents"))).hasSize(2);
    }

    @Test
    void readsIndexesWithPartialExpressionDescendingAndCollatedKeys() {
        Schema schema = read("""
                CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT COLLATE NOCASE, at INTEGER, body TEXT);
                CREATE UNIQUE INDEX events_kind_at ON EVENTS (kind, at DESC) WHERE kind IS NOT NULL AND at > 0;
                CREATE INDEX events_lower_body ON events (lower(body) COLLATE RTRIM ASC, kind COLLATE binary);
                """);

        assertThat(schema.indexes())
                .containsExactly(
                        new Index(
                                main("events_kind_at"),
                                main("events"),
                                true,
                                List.of(IndexKey.column("kind"), new IndexKey("at", null, true, null)),
                                "kind IS NOT NULL AND at > 0",
                                null,
                                true,
                                null),
                        new Index(
                                main("events_lower_body"),
                                main("events"),
                                false,
                                List.of(
                                        new IndexKey(null, "lower(body)", false, "RTRIM"),
                                        new IndexKey("kind", null, false, "BINARY")),
                                null,
                                null,
                                true,
                                null));
        assertThat(schema.indexesOn(main("events"))).hasSize(2);
    }

    @Test
    void readsViewsWithColumnListsAndTriggersOnTablesAndViews() {
        Schema schema = read("""
                CREATE TABLE log (id INTEGER PRIMARY KEY, msg TEXT);
                CREATE VIEW recent (ident, message) AS SELECT id, msg FROM log WHERE id > 10;
                CREATE VIEW "Recent Messages" AS
                  SELECT message FROM recent;
                CREATE TRIGGER log_guard BEFORE DELETE ON LOG BEGIN SELECT RAISE(ABORT, 'no; never'); END;
                CREATE TRIGGER recent_insert INSTEAD OF INSERT ON recent
                BEGIN
                    INSERT INTO log (msg) VALUES (NEW.message);
                END;
                """);

        assertThat(schema.views())
                .containsExactly(
                        new View(main("Recent Messages"), "SELECT message FROM recent", false, null),
                        new View(
                                main("recent"),
                                "SELECT id, msg FROM log WHERE id > 10",
                                false,
                                null,
                                List.of("ident", "message")));
        assertThat(schema.triggers())
                .extracting(Trigger::name, Trigger::table)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(main("log_guard"), main("log")),
                        org.assertj.core.groups.Tuple.tuple(main("recent_insert"), main("recent")));
        assertThat(schema.triggers().get(0).definition())
                .isEqualTo("CREATE TRIGGER log_guard BEFORE DELETE ON LOG BEGIN SELECT RAISE(ABORT, 'no; never'); END");
    }

    @Test
    void readsTablesReshapedByAlterTableAndCreateTableAs() {
        Schema schema = read("""
                CREATE TABLE owners (id INTEGER PRIMARY KEY);
                CREATE TABLE "old pets" (id INTEGER PRIMARY KEY, nom TEXT);
                ALTER TABLE "old pets" RENAME TO pets;
                ALTER TABLE pets RENAME COLUMN nom TO name;
                ALTER TABLE pets ADD COLUMN owner_id INTEGER REFERENCES owners ON DELETE SET NULL;
                ALTER TABLE pets ADD COLUMN age INTEGER CONSTRAINT age_sane CHECK (age BETWEEN 0 AND 99) DEFAULT 0;
                CREATE INDEX pets_name ON pets (name);
                CREATE TABLE pet_names AS SELECT name, age + 1 AS next_age FROM pets;
                """);

        Table pets = schema.table("pets").orElseThrow();
        assertThat(pets.columns()).extracting(Column::name).containsExactly("id", "name", "owner_id", "age");
        assertThat(pets.column("age").orElseThrow().defaultValue()).isEqualTo("0");
        assertThat(pets.checks()).containsExactly(new CheckConstraint("age_sane", "age BETWEEN 0 AND 99", true));
        assertThat(pets.foreignKeys())
                .containsExactly(new ForeignKey(
                        null,
                        List.of("owner_id"),
                        main("owners"),
                        List.of("id"),
                        ReferentialAction.SET_NULL,
                        ReferentialAction.NO_ACTION,
                        false,
                        false,
                        true));
        assertThat(schema.indexes()).extracting(Index::keys).containsExactly(List.of(IndexKey.column("name")));
        assertThat(schema.table("pet_names").orElseThrow().columns())
                .containsExactly(Column.of("name", "TEXT", false, null), Column.of("next_age", "", false, null));
    }

    @Test
    void readsVirtualTablesButNotTheShadowTablesTheirModulesKeep() {
        Path file = dir.resolve("search.db");
        SqliteFiles.run(file, """
                CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);
                create virtual table "docs search" using FTS5(body, content='docs', content_rowid='id');
                CREATE VIRTUAL TABLE IF NOT EXISTS places USING rtree(id, min_x, max_x);
                CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
                    INSERT INTO "docs search" (rowid, body) VALUES (new.id, new.body);
                END;
                """);
        Schema schema = SqliteFiles.schema(file);

        assertThat(dev.strata.testing.Jdbc.query(
                        "sqlite:" + file, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
                .as("the modules keep their data in shadow tables")
                .extracting(row -> row.get(0))
                .contains("docs search_data", "docs search_idx", "places_node");
        assertThat(schema.tables()).extracting(Table::name).containsExactly(main("docs"));
        assertThat(schema.virtualTables())
                .extracting(VirtualTable::name, VirtualTable::module)
                .containsExactly(tuple(main("docs search"), "fts5"), tuple(main("places"), "rtree"));
        assertThat(schema.virtualTables().get(0).definition())
                .isEqualTo("CREATE VIRTUAL TABLE \"docs search\" using FTS5(body, content='docs', content_rowid='id')");
        assertThat(schema.triggers()).hasSize(1);
        assertThat(schema.notCompared()).isEmpty();
    }

    @Test
    void leavesOutWranglersTablesAndListsTheSettingsItDoesNotCompare() {
        Schema schema = read("""
                CREATE TABLE _cf_METADATA (key INTEGER PRIMARY KEY, value BLOB);
                CREATE TABLE _cf_KV (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
                CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE,
                    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL);
                CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
                PRAGMA user_version = 7;
                """);

        assertThat(schema.tables()).extracting(Table::name).containsExactly(main("notes"));
        assertThat(schema.indexes()).isEmpty();
        assertThat(schema.notCompared()).extracting(NotCompared::describe).containsExactly("pragma user_version = 7");
    }

    @Test
    void keepsATableNamedD1MigrationsOutsideAWranglerDatabase() {
        Schema schema = read("CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY, name TEXT);");

        assertThat(schema.tables()).extracting(Table::name).containsExactly(main("d1_migrations"));
    }

    @Test
    void leavesOutSqliteObjectsAndStrataHistoryTables() throws IOException {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_a.sql"), """
                CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);
                INSERT INTO a (v) VALUES ('x');
                ANALYZE;
                """);
        Path file = project.resolve("app.db");
        Strata.configure()
                .projectDir(project)
                .url("sqlite:app.db")
                .environmentVariables(Map.of())
                .load()
                .migrate();

        Schema schema = SqliteFiles.schema(file);

        assertThat(dev.strata.testing.Jdbc.query(
                        "sqlite:" + file, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
                .as("the file does hold SQLite's and strata's own tables")
                .extracting(row -> row.get(0))
                .contains("sqlite_sequence", "sqlite_stat1", "strata_history", "strata_history_meta");
        assertThat(schema.tables()).extracting(Table::name).containsExactly(main("a"));
        assertThat(schema.views()).isEmpty();
        assertThat(schema.indexes()).isEmpty();
    }

    @Test
    void sameSchemaBuiltInAnotherOrderAndSpellingIsEqual() {
        Schema first = read("""
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, CHECK (email LIKE '%@%'));
                CREATE TABLE posts (
                    id INTEGER PRIMARY KEY,
                    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
                    title TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX posts_user ON posts (user_id, title DESC);
                CREATE INDEX posts_title ON posts (lower(title)) WHERE title <> '';
                CREATE VIEW user_posts AS SELECT u.email, p.title FROM users u JOIN posts p ON p.user_id = u.id;
                CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;
                """);
        Schema second = read("""
                CREATE TABLE posts (
                    id INTEGER,
                    user_id INTEGER,
                    title TEXT DEFAULT '' NOT NULL,
                    PRIMARY KEY (id),
                    FOREIGN KEY (user_id) REFERENCES USERS ON DELETE CASCADE
                );
                CREATE INDEX posts_title ON posts (lower( title ))   WHERE title
                    <> '';
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL,
                    UNIQUE (email),
                    CHECK (email  LIKE  '%@%' -- must look like an address
                    )
                );
                CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;
                CREATE VIEW user_posts AS SELECT u.email, p.title FROM users u JOIN posts p ON p.user_id = u.id;
                CREATE INDEX posts_user ON posts (user_id, title DESC);
                """);

        assertThat(second).isEqualTo(first);
        assertThat(first.tables()).hasSize(2);
    }

    @Test
    void readsAnEmptyDatabaseAndAFileThatDoesNotExistAsEmpty() {
        assertThat(read("").isEmpty()).isTrue();
        Path missing = dir.resolve("missing.db");
        assertThat(SqliteFiles.schema(missing)).isEqualTo(Schema.empty("sqlite", "main"));
        assertThat(missing).as("reading the schema never creates the file").doesNotExist();
    }
}
