package dev.strata.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata docs --from-database}: the page drawn from a live database's catalog is the same
 * picture as the one the files give once they are applied, and shows what was changed by hand.
 */
class DatabaseDocsTest {

    @TempDir
    Path project;

    private Strata strata(String url) {
        return Strata.configure().projectDir(project).url(url).load();
    }

    private void migrations() throws IOException {
        MigrationFiles.write(project, "0001_core.sql", """
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
                CREATE TABLE posts (
                    id INTEGER PRIMARY KEY,
                    author_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'published'))
                );
                """);
        MigrationFiles.write(project, "0002_comments.sql", """
                CREATE TABLE comments (
                    id INTEGER PRIMARY KEY,
                    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL
                );
                """);
    }

    private void theDeployedSchemaIsDrawnLikeTheFiles(String url) throws IOException {
        migrations();
        Strata strata = strata(url);
        strata.migrate();

        MigrationDocs live = strata.docsFromDatabase(MigrationDocs.DATABASE_FILE);
        MigrationDocs files = strata.docs(MigrationDocs.DEFAULT_FILE);

        HistoryDocument document = live.document();
        assertThat(document.fromDatabase()).isTrue();
        assertThat(document.drawing()).isEqualTo(files.document().drawing());
        assertThat(document.diagram()).isEqualTo(files.document().diagram());
        assertThat(document.totals()).isEqualTo(new HistoryDocument.Totals(2, 3, 0, 3, 0, "0002_comments"));
        assertThat(document.tables())
                .extracting(HistoryDocument.Item::code)
                .containsExactly("comments", "posts", "users");
        assertThat(live.markdown().path()).isEqualTo(project.resolve("docs/database-schema.md"));
        assertThat(live.markdown().content())
                .startsWith("# Database schema\n")
                .contains(
                        "| Migrations applied | 2 |",
                        "## Tables",
                        "- `posts` (3 columns)",
                        "  - `posts.author_id -> users(id)` ON DELETE CASCADE",
                        "```mermaid\nerDiagram\n")
                .doesNotContain("## Migrations", "## Breaking changes", "strata_history");
        assertThat(live.html().content())
                .contains("<h1>Database schema</h1>", "<svg class=\"er\"", ">ON DELETE SET NULL</text>")
                .doesNotContain("<script");

        live.write();
        assertThat(strata.docsFromDatabase(MigrationDocs.DATABASE_FILE).isCurrent())
                .isTrue();
        Jdbc.execute(url, "CREATE TABLE hotfix (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts(id))");
        MigrationDocs changed = strata.docsFromDatabase(MigrationDocs.DATABASE_FILE);
        assertThat(changed.isCurrent())
                .as("a table added by hand makes the committed page stale")
                .isFalse();
        assertThat(changed.document().drawing())
                .contains("data-table=\"hotfix\"", "data-from=\"hotfix\" data-to=\"posts\"");
    }

    @Test
    void onSqliteTheDeployedSchemaIsDrawnLikeTheFiles() throws IOException {
        theDeployedSchemaIsDrawnLikeTheFiles("sqlite:" + project.resolve("app.db"));
    }

    @Test
    void onPostgresTheDeployedSchemaIsDrawnLikeTheFiles() throws IOException {
        theDeployedSchemaIsDrawnLikeTheFiles(PostgresServer.newDatabaseUrl());
    }

    @Test
    void aDatabaseWithoutHistoryIsDrawnWithNoMigrationsApplied() {
        String url = "sqlite:" + project.resolve("legacy.db");
        Jdbc.execute(url, "CREATE TABLE a (id INTEGER PRIMARY KEY)");

        HistoryDocument document =
                strata(url).docsFromDatabase(MigrationDocs.DATABASE_FILE).document();

        assertThat(document.totals()).isEqualTo(new HistoryDocument.Totals(0, 1, 0, 0, 0, ""));
        assertThat(document.drawing()).contains("data-table=\"a\"");
        assertThat(project.resolve("migrations")).doesNotExist();
    }
}
