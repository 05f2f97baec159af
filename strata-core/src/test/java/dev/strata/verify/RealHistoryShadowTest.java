package dev.strata.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.engine.LintRequest;
import dev.strata.lint.Finding;
import dev.strata.lint.LintReport;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.TestEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The findings that were false on real projects stay quiet when the folder also runs on the shadow
 * database, on both engines; the true ones next to them are still found.
 */
class RealHistoryShadowTest {

    @TempDir
    Path project;

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void falseFindingsOfRealHistoriesStayQuietOnTheShadow(TestEngine engine) throws IOException {
        MigrationFiles.write(project, "0001_people.sql", """
                DROP TABLE IF EXISTS legacy_sessions;
                CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);
                CREATE TABLE groups (id INTEGER PRIMARY KEY, name TEXT);
                CREATE TABLE members (
                    user_id INTEGER NOT NULL REFERENCES users (id),
                    group_id INTEGER NOT NULL REFERENCES groups (id),
                    PRIMARY KEY (user_id, group_id)
                );
                CREATE INDEX ix_members_group ON members (group_id);
                """);
        MigrationFiles.write(project, "0002_plan.sql", """
                ALTER TABLE users ADD COLUMN plan TEXT;
                UPDATE users SET plan = 'free';
                CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE);
                CREATE INDEX ix_sessions_user ON sessions (user_id);
                """);
        MigrationFiles.write(project, "0003_posts.sql", """
                CREATE TABLE posts (id INTEGER PRIMARY KEY, author INTEGER);
                CREATE TABLE posts_new (id INTEGER PRIMARY KEY, author INTEGER REFERENCES users (id));
                INSERT INTO posts_new (id, author) SELECT id, author FROM posts;
                DROP TABLE posts;
                ALTER TABLE posts_new RENAME TO posts;
                CREATE INDEX ix_posts_author ON posts (author);
                UPDATE users SET email = NULL;
                """);
        String url = engine.newDatabaseUrl(project);

        LintReport report = Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .lint(LintRequest.everything());

        List<String> rules = report.findings().stream().map(Finding::rule).toList();
        assertThat(report.notes()).isEmpty();
        assertThat(rules)
                .doesNotContain("drop-table", "fk-without-index", "missing-if-not-exists")
                .contains("cascade-delete", "update-without-where");
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("update-without-where"))
                .singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("migrations/0003_posts.sql"));
        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals("cascade-delete"))
                .singleElement()
                .satisfies(f -> assertThat(f.message().contains("rebuild")).isEqualTo(engine == TestEngine.SQLITE));
    }
}
