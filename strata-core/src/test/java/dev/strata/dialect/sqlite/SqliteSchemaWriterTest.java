package dev.strata.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.dialect.SchemaWriter;
import dev.strata.schema.Column;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaWriterTest {

    /** Every kind of object the SQLite reader knows, each in its less usual forms too. */
    static final String EVERYTHING = """
            CREATE TABLE memberships (
                account_id INTEGER NOT NULL,
                group_code TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
                PRIMARY KEY (account_id, group_code),
                FOREIGN KEY (account_id) REFERENCES accounts (id)
                    ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
                FOREIGN KEY (group_code) REFERENCES "groups" ON DELETE RESTRICT ON UPDATE SET NULL
            ) WITHOUT ROWID;
            CREATE TABLE accounts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT NOT NULL COLLATE NOCASE UNIQUE,
                "display name" TEXT DEFAULT 'anon',
                "order" INTEGER DEFAULT (1 + 2),
                created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                balance REAL DEFAULT -0.5,
                flags BLOB DEFAULT x'00ff',
                CONSTRAINT email_has_at CHECK (email LIKE '%@%'),
                CHECK (balance >= -100)
            );
            CREATE TABLE "groups" (
                code TEXT PRIMARY KEY,
                parent TEXT REFERENCES "groups" (code) ON DELETE SET DEFAULT,
                name TEXT COLLATE RTRIM,
                UNIQUE (parent, name)
            ) STRICT;
            CREATE TABLE measurements (
                id INTEGER PRIMARY KEY,
                raw TEXT NOT NULL,
                value REAL GENERATED ALWAYS AS (CAST(raw AS REAL)) STORED,
                doubled REAL AS (value * 2) VIRTUAL,
                account_id INTEGER REFERENCES accounts
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE notes (body, tag ANY);
            CREATE UNIQUE INDEX accounts_email_created ON accounts (email COLLATE BINARY, created_at DESC);
            CREATE INDEX measurements_positive ON measurements (account_id, value) WHERE value > 0;
            CREATE INDEX accounts_lower_name ON accounts (lower("display name"), balance * 2 DESC);
            CREATE VIEW z_base (account, total) AS
                SELECT account_id, sum(value) FROM measurements GROUP BY account_id;
            CREATE VIEW a_rich AS SELECT account FROM z_base WHERE total > 1000;
            CREATE VIEW m_richest AS SELECT max(account) AS account FROM a_rich;
            CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
            WHEN old.balance > 0
            BEGIN
                SELECT RAISE(ABORT, 'account still holds money; empty it first');
            END;
            CREATE TRIGGER z_base_insert INSTEAD OF INSERT ON z_base
            BEGIN
                INSERT INTO measurements (raw, account_id) VALUES (NEW.total, NEW.account);
            END;
            """;

    @TempDir
    Path dir;

    private final SchemaWriter writer = SqliteDialect.INSTANCE.schemaWriter();

    private Schema load(String name, String script) {
        Path file = dir.resolve(name + ".db");
        SqliteFiles.run(file, script);
        return SqliteFiles.schema(file);
    }

    @Test
    void dumpOfEveryObjectKindLoadsBackEqualAndDumpsIdentically() {
        Schema original = load("original", EVERYTHING);
        assertThat(original.tables()).hasSize(5);
        assertThat(original.indexes()).hasSize(3);
        assertThat(original.views()).hasSize(3);
        assertThat(original.triggers()).hasSize(2);

        String dump = writer.script(original);
        Schema reloaded = load("reloaded", dump);

        assertThat(reloaded).isEqualTo(original);
        assertThat(writer.script(reloaded)).isEqualTo(dump);
    }

    /** The dump of an FTS5 table kept up to date by triggers loads, and the loaded database takes inserts. */
    @Test
    void dumpWritesVirtualTablesSoTheirTriggersStillWork() {
        Schema original = load("search", """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
                CREATE VIRTUAL TABLE posts_fts USING fts5(title, content='posts', content_rowid='id');
                CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN
                    INSERT INTO posts_fts (rowid, title) VALUES (new.id, new.title);
                END;
                CREATE VIEW matches AS SELECT rowid AS id FROM posts_fts WHERE posts_fts MATCH 'strata';
                """);

        String dump = writer.script(original);
        Path reloaded = dir.resolve("search-reloaded.db");
        SqliteFiles.run(reloaded, dump);
        SqliteFiles.run(reloaded, "INSERT INTO posts (title) VALUES ('strata dumps search tables');");

        assertThat(dump)
                .containsSubsequence(
                        "CREATE TABLE posts",
                        "CREATE VIRTUAL TABLE posts_fts",
                        "CREATE VIEW matches",
                        "CREATE TRIGGER posts_ai");
        assertThat(SqliteFiles.schema(reloaded)).isEqualTo(original);
        assertThat(dev.strata.testing.Jdbc.query("sqlite:" + reloaded, "SELECT id FROM matches"))
                .extracting(row -> row.get(0))
                .containsExactly("1");
    }

    @Test
    void dumpPutsReferencedTablesAndReadViewsFirst() {
        String dump = writer.script(load("original", EVERYTHING));

        assertThat(dump.indexOf("CREATE TABLE accounts")).isLessThan(dump.indexOf("CREATE TABLE measurements"));
        assertThat(dump.indexOf("CREATE TABLE \"groups\"")).isLessThan(dump.indexOf("CREATE TABLE memberships"));
        assertThat(dump.indexOf("CREATE TABLE notes")).isLessThan(dump.indexOf("CREATE INDEX"));
        assertThat(dump.indexOf("CREATE VIEW z_base")).isLessThan(dump.indexOf("CREATE VIEW a_rich"));
        assertThat(dump.indexOf("CREATE VIEW a_rich")).isLessThan(dump.indexOf("CREATE VIEW m_richest"));
        assertThat(dump.indexOf("CREATE VIEW m_richest")).isLessThan(dump.indexOf("CREATE TRIGGER"));
        assertThat(dump).endsWith("END;\n");
    }

    @Test
    void tablesInAForeignKeyCycleFollowNameOrderAndStillLoad() {
        Schema original = load("cycle", """
                CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a);
                CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b, parent INTEGER REFERENCES a);
                CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b);
                CREATE TABLE aa (id INTEGER PRIMARY KEY, c_id INTEGER REFERENCES c);
                """);

        String dump = writer.script(original);

        assertThat(dump)
                .containsSubsequence("CREATE TABLE a ", "CREATE TABLE b ", "CREATE TABLE c ", "CREATE TABLE aa ");
        assertThat(load("cycle-reloaded", dump)).isEqualTo(original);
    }

    @Test
    void writesTablesWithEveryClauseInOneFixedLayout() {
        Schema schema = load("original", EVERYTHING);

        assertThat(writer.createTable(schema.table("accounts").orElseThrow())).isEqualTo("""
                CREATE TABLE accounts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL COLLATE NOCASE,
                    "display name" TEXT DEFAULT 'anon',
                    "order" INTEGER DEFAULT (1 + 2),
                    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                    balance REAL DEFAULT -0.5,
                    flags BLOB DEFAULT x'00ff',
                    UNIQUE (email),
                    CHECK (balance >= -100),
                    CONSTRAINT email_has_at CHECK (email LIKE '%@%')
                )""");
        assertThat(writer.createTable(schema.table("memberships").orElseThrow()))
                .isEqualTo("""
                CREATE TABLE memberships (
                    account_id INTEGER NOT NULL,
                    group_code TEXT NOT NULL,
                    role TEXT NOT NULL DEFAULT 'member',
                    PRIMARY KEY (account_id, group_code),
                    CHECK (role IN ('member', 'admin')),
                    FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE ON UPDATE CASCADE \
                DEFERRABLE INITIALLY DEFERRED,
                    FOREIGN KEY (group_code) REFERENCES "groups" (code) ON DELETE RESTRICT ON UPDATE SET NULL
                ) WITHOUT ROWID""");
        assertThat(writer.createTable(schema.table("measurements").orElseThrow()))
                .isEqualTo("""
                CREATE TABLE measurements (
                    id INTEGER PRIMARY KEY NOT NULL,
                    raw TEXT NOT NULL,
                    value REAL GENERATED ALWAYS AS (CAST(raw AS REAL)) STORED,
                    doubled REAL GENERATED ALWAYS AS (value * 2) VIRTUAL,
                    account_id INTEGER,
                    FOREIGN KEY (account_id) REFERENCES accounts (id)
                ) STRICT, WITHOUT ROWID""");
    }

    @Test
    void writesIndexesWithUniquenessCollationOrderAndCondition() {
        QualifiedName table = new QualifiedName("main", "events");
        Index index = new Index(
                new QualifiedName("main", "events by kind"),
                table,
                true,
                List.of(
                        new IndexKey("kind", null, false, "NOCASE"),
                        new IndexKey(null, "length(body)", true, null),
                        IndexKey.column("select")),
                "kind IS NOT NULL",
                null,
                true,
                null);

        assertThat(writer.createIndex(index))
                .isEqualTo("CREATE UNIQUE INDEX \"events by kind\" ON events "
                        + "(kind COLLATE NOCASE, length(body) DESC, \"select\") WHERE kind IS NOT NULL");
    }

    @Test
    void quotesOnlyNamesThatNeedIt() {
        assertThat(writer.quote("users")).isEqualTo("users");
        assertThat(writer.quote("_Mixed_Case9")).isEqualTo("_Mixed_Case9");
        assertThat(writer.quote("order")).isEqualTo("\"order\"");
        assertThat(writer.quote("Group")).isEqualTo("\"Group\"");
        assertThat(writer.quote("display name")).isEqualTo("\"display name\"");
        assertThat(writer.quote("9lives")).isEqualTo("\"9lives\"");
        assertThat(writer.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(writer.quote("café")).isEqualTo("\"café\"");
    }

    @Test
    void aSchemaBuiltInCodeLoadsAsWritten() {
        Table table = new Table(
                new QualifiedName("main", "t"),
                List.of(Column.of("id", "INTEGER", false, null), Column.of("at", "TEXT", true, "datetime('now')")),
                new PrimaryKey(List.of("id")),
                List.of(),
                List.of(),
                List.of(),
                false,
                false,
                null);
        Schema schema = new Schema(
                "sqlite",
                "main",
                List.of(),
                List.of(table),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        assertThat(load("built", writer.script(schema))).isEqualTo(schema);
    }

    @Test
    void dumpOfTheD1ExampleLoadsBackEqualAndDumpsIdentically() {
        Path project = Path.of("..", "examples", "d1-app").toAbsolutePath().normalize();
        Path file = dir.resolve("d1.db");
        Strata.configure()
                .projectDir(project)
                // The examples folder is the user's: no run log written into it.
                .runLog(Optional.empty())
                .url("sqlite:" + file)
                .environmentVariables(Map.of())
                .load()
                .migrate();
        Schema migrated = SqliteFiles.schema(file);
        assertThat(migrated.tables())
                .extracting(table -> table.name().name())
                .containsExactly("polymarket_markets_cache", "user_preferences", "zetachain_cctx_log");
        assertThat(migrated.table("zetachain_cctx_log")
                        .orElseThrow()
                        .column("amount")
                        .orElseThrow()
                        .type())
                .isEqualTo("REAL");

        String dump = writer.script(migrated);
        Schema reloaded = load("d1-reloaded", dump);

        assertThat(reloaded).isEqualTo(migrated);
        assertThat(writer.script(reloaded)).isEqualTo(dump);
        assertThat(dump).contains("CREATE INDEX idx_cctx_status ON zetachain_cctx_log (status);\n");
    }
}
