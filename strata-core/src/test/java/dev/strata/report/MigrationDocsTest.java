package dev.strata.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.WaitListener;
import dev.strata.report.HistoryDocument.Entry;
import dev.strata.report.HistoryDocument.Item;
import dev.strata.report.HistoryDocument.Section;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history document, computed on real shadow databases from migrations with many kinds of objects. */
class MigrationDocsTest {

    @TempDir
    Path project;

    private MigrationDocs docs(String url) {
        StrataConfig config =
                ConfigLoader.load(ConfigOptions.in(project).withUrl(url).withEnv(Map.of()));
        return MigrationDocs.generate(config, MigrationDocs.DEFAULT_FILE, WaitListener.SILENT);
    }

    private static Section section(Entry entry, String title) {
        return entry.sections().stream()
                .filter(s -> s.title().equals(title))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(entry.label() + " has no section " + title + ": " + entry.sections()));
    }

    private static List<String> lines(Section section) {
        return section.items().stream()
                .map(item -> (item.code() + " " + item.text()).strip())
                .toList();
    }

    private void threadsSchema() throws IOException {
        MigrationFiles.write(project, "0001_core.sql", """
                -- Users and the threads they own.
                CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, legacy TEXT);
                CREATE TABLE workspaces (id TEXT PRIMARY KEY);
                CREATE TABLE threads (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived', 'deleted'))
                );
                CREATE INDEX idx_threads_user_id ON threads(user_id);
                CREATE INDEX idx_users_legacy ON users(legacy);
                """);
        MigrationFiles.write(project, "0002_cleanup.sql", """
                -- Retire workspaces; rename the email column.
                DROP INDEX idx_users_legacy;
                ALTER TABLE users RENAME COLUMN email TO email_address;
                CREATE VIEW active_threads AS SELECT * FROM threads WHERE status = 'active';
                CREATE TRIGGER threads_touch AFTER UPDATE ON threads BEGIN SELECT 1; END;
                """);
        MigrationFiles.write(
                project, "0003_drop_workspaces.sql", "DROP TABLE workspaces;\nALTER TABLE users DROP COLUMN legacy;\n");
    }

    @Test
    void eachMigrationListsWhatItDidAndTheBreakingChangesAreCollected() throws IOException {
        threadsSchema();

        MigrationDocs docs = docs("sqlite:app.db");
        HistoryDocument document = docs.document();

        Entry core = document.migrations().get(0);
        assertThat(core.label()).isEqualTo("0001_core");
        assertThat(core.purpose()).isEqualTo("Users and the threads they own.");
        assertThat(lines(section(core, "Tables created")))
                .containsExactly("threads (4 columns)", "users (3 columns)", "workspaces (1 column)");
        Item threads = section(core, "Tables created").items().get(0);
        assertThat(threads.details())
                .contains(
                        new Item("user_id", "TEXT NOT NULL -> users(id)"),
                        new Item("status", "TEXT NOT NULL DEFAULT 'active'"));
        assertThat(lines(section(core, "Foreign keys")))
                .containsExactly(
                        "threads.user_id -> users(id) ON DELETE CASCADE",
                        "threads.workspace_id -> workspaces(id) ON DELETE SET NULL");
        assertThat(lines(section(core, "Enums (CHECK constraints)")))
                .containsExactly("threads.status 'active', 'archived', 'deleted'");
        assertThat(lines(section(core, "Indexes added")))
                .containsExactly("idx_threads_user_id on threads(user_id)", "idx_users_legacy on users(legacy)");

        Entry cleanup = document.migrations().get(1);
        assertThat(lines(section(cleanup, "Indexes dropped"))).containsExactly("idx_users_legacy");
        assertThat(section(cleanup, "Tables altered").items().get(0).details())
                .containsExactly(new Item("~ users.email_address name email -> email_address", ""));
        assertThat(lines(section(cleanup, "Other changes")))
                .containsExactly("+ view active_threads", "+ trigger threads_touch (on threads)");
        Entry drop = document.migrations().get(2);
        assertThat(lines(section(drop, "Tables dropped"))).containsExactly("workspaces");
        assertThat(document.breaking())
                .extracting(HistoryDocument.Breaking::kind)
                .containsExactly("rename", "drop", "drop");
        // SQLite keeps a foreign key to a dropped table (it is never checked), so it still counts.
        assertThat(document.totals()).isEqualTo(new HistoryDocument.Totals(3, 2, 1, 2, 1, "0003_drop_workspaces"));

        String markdown = docs.markdown().content();
        assertThat(markdown)
                .contains(
                        "### 0002_cleanup",
                        "**Purpose**: Retire workspaces; rename the email column.",
                        "- `0002_cleanup` (rename): `~ users.email_address name email -> email_address`",
                        "- `0003_drop_workspaces` (drop): `- table workspaces`",
                        "| `0001_core` | 3 | 0 | 0 | 2 | 0 |",
                        "```mermaid\nerDiagram\n",
                        "    threads }o--|| users : \"user_id\"",
                        "        TEXT user_id FK")
                .doesNotContain("additive");
        assertThat(docs.html().content())
                .contains(
                        "<pre class=\"mermaid\">\nerDiagram",
                        "threads }o--|| users : &quot;user_id&quot;",
                        "<h3 id=\"m-0001_core\">",
                        "<svg class=\"er\"",
                        "<g class=\"fk\" data-from=\"threads\" data-to=\"users\">",
                        ">ON DELETE CASCADE</text>")
                .doesNotContain("<script", "https://");
        assertThat(docs.html().path()).isEqualTo(project.resolve("docs/migrations.html"));
    }

    @Test
    void additiveMigrationsSaySoAndTheSameFilesGiveTheSameBytes() throws IOException {
        MigrationFiles.write(project, "0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        MigrationFiles.write(
                project, "0002_b.sql", "ALTER TABLE a ADD COLUMN b TEXT;\nINSERT INTO a (b) VALUES ('x');\n");
        MigrationFiles.write(project, "0003_data.sql", "-- Backfill.\nUPDATE a SET b = 'y';\n");

        MigrationDocs first = docs("sqlite:app.db");
        MigrationDocs second = docs("sqlite:app.db");

        assertThat(first.markdown().content())
                .contains(DocumentText.NO_BREAKING)
                .contains("- No schema change (data only, or nothing the catalog shows).")
                .isEqualTo(second.markdown().content());
        assertThat(first.html().content()).isEqualTo(second.html().content());
        assertThat(first.isCurrent()).isFalse();
        first.write();
        assertThat(second.isCurrent()).isTrue();
        assertThat(project.resolve("app.db")).doesNotExist();
    }

    @Test
    void aSqliteTableWhoseNameHoldsADotIsDocumentedUnderItsWholeName() throws IOException {
        MigrationFiles.write(project, "0001_init.sql", """
                CREATE TABLE "a.b" (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE c (id INTEGER PRIMARY KEY, ab INTEGER REFERENCES "a.b"(id) ON DELETE CASCADE);
                """);
        MigrationFiles.write(
                project,
                "0002_more.sql",
                "ALTER TABLE \"a.b\" ADD COLUMN note TEXT;\nCREATE INDEX i1 ON \"a.b\"(name);\n");

        HistoryDocument document = docs("sqlite:app.db").document();

        Entry init = document.migrations().get(0);
        assertThat(lines(section(init, "Tables created"))).containsExactly("a.b (2 columns)", "c (2 columns)");
        assertThat(lines(section(init, "Foreign keys"))).containsExactly("c.ab -> a.b(id) ON DELETE CASCADE");
        Entry more = document.migrations().get(1);
        assertThat(lines(section(more, "Indexes added"))).containsExactly("i1 on a.b(name)");
    }

    @Test
    void theEventsExampleOnPostgresListsFunctionsTriggersAndTheCheckEnum() throws IOException {
        Path source = Path.of("..", "examples", "events-pg", "migrations");
        Files.createDirectories(project.resolve("migrations"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, project.resolve("migrations").resolve(file.getFileName()));
            }
        }
        Files.writeString(
                project.resolve("strata.toml"),
                "[migrations]\nshadow_url = \"" + PostgresServer.newDatabaseUrl() + "\"\n");

        HistoryDocument document = docs(PostgresServer.newDatabaseUrl()).document();

        assertThat(document.engine()).isEqualTo("postgres");
        Entry triggers = document.migrations().get(2);
        assertThat(lines(section(triggers, "Foreign keys")))
                .containsExactly("triggers.user_id -> users(id) ON DELETE CASCADE");
        assertThat(lines(section(triggers, "Enums (CHECK constraints)")))
                .containsExactly("triggers.registry 'identity', 'reputation', 'validation'");
        assertThat(lines(section(document.migrations().get(0), "Other changes")))
                .containsExactly("+ function update_updated_at_column()");
        assertThat(document.breaking()).isEmpty();
        assertThat(document.diagram())
                .contains("triggers }o--|| users : \"user_id\"", "uuid id PK", "character_varying(64) username UK");
    }
}
