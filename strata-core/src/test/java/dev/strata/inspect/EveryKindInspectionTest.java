package dev.strata.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.report.HistoryDocument;
import dev.strata.report.MigrationDocs;
import dev.strata.schema.SchemaChange;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump, drift, plan, check and docs on schemas with every object kind strata reads, on both engines:
 * no false drift, no false health problems, and a configured shadow emptied of all of it.
 */
class EveryKindInspectionTest {

    private static final String SQLITE_EVERY_KIND = """
            -- One of every object kind strata reads from SQLite.
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT NOT NULL COLLATE NOCASE UNIQUE,
                status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'active', 'gone')),
                score REAL DEFAULT 0 CHECK (score >= 0),
                doubled REAL GENERATED ALWAYS AS (score * 2) STORED,
                label TEXT AS (upper(email)) VIRTUAL
            );
            CREATE TABLE pairs (a TEXT, b INTEGER, PRIMARY KEY (a, b)) WITHOUT ROWID;
            CREATE TABLE strict_things (id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;
            CREATE TABLE orders (
                id INTEGER PRIMARY KEY,
                user_id INTEGER REFERENCES users(id) ON DELETE CASCADE ON UPDATE SET NULL,
                pair_a TEXT, pair_b INTEGER,
                FOREIGN KEY (pair_a, pair_b) REFERENCES pairs(a, b) DEFERRABLE INITIALLY DEFERRED,
                UNIQUE (user_id, pair_a)
            );
            CREATE INDEX orders_recent ON orders (user_id DESC, id) WHERE user_id IS NOT NULL;
            CREATE UNIQUE INDEX users_lower_email ON users (lower(email));
            CREATE VIEW active_users AS SELECT id, email FROM users WHERE status = 'active';
            CREATE VIEW named_columns (user_id, address) AS SELECT id, email FROM users;
            CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN
                UPDATE users SET score = score WHERE id = NEW.id;
            END;
            CREATE VIRTUAL TABLE notes USING fts5(body);
            """;

    @TempDir
    Path project;

    private Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .load();
    }

    private void migration(String sql) throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_every_kind.sql"), sql);
    }

    private static String postgresEveryKind() throws IOException {
        try (InputStream in =
                EveryKindInspectionTest.class.getResourceAsStream("/dev/strata/dialect/postgres/every-kind.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void inspectEverything(Strata strata, List<String> expectedHealthProblems) throws IOException {
        PlanReport plan = strata.plan();
        assertThat(plan.steps()).hasSize(1);
        List<SchemaChange.ObjectKind> kinds = plan.steps().get(0).changes().stream()
                .map(SchemaChange::kind)
                .distinct()
                .toList();
        assertThat(kinds)
                .contains(
                        SchemaChange.ObjectKind.TABLE,
                        SchemaChange.ObjectKind.INDEX,
                        SchemaChange.ObjectKind.VIEW,
                        SchemaChange.ObjectKind.TRIGGER);

        strata.migrate();

        DriftReport drift = strata.drift();
        assertThat(drift.differences()).as("no false drift").isEmpty();
        assertThat(drift.migrations()).isEqualTo(1);

        HealthReport health = strata.check();
        assertThat(health.problems())
                .extracting(HealthReport.Problem::message)
                .hasSize(expectedHealthProblems.size())
                .allSatisfy(message -> assertThat(expectedHealthProblems).anyMatch(message::contains));

        SchemaDump live = strata.dump(false);
        SchemaDump fromFiles = strata.dump(true);
        assertThat(fromFiles.sql()).isEqualTo(live.sql());
        assertThat(fromFiles.schema()).isEqualTo(live.schema());

        HistoryDocument document = strata.docs(MigrationDocs.DEFAULT_FILE).document();
        assertThat(document.migrations().get(0).purpose()).startsWith("One of every object kind strata reads");
        assertThat(document.breaking()).isEmpty();
        assertThat(document.migrations().get(0).sections())
                .extracting(HistoryDocument.Section::title)
                .contains(
                        "Tables created",
                        "Indexes added",
                        "Foreign keys",
                        "Enums (CHECK constraints)",
                        "Other changes");
    }

    @Test
    void sqliteSchemaWithEveryKindHasNoFalseDriftAndDumpsLikeTheMigrations() throws IOException {
        migration(SQLITE_EVERY_KIND);

        inspectEverything(strata("sqlite:app.db"), List.of());
    }

    @Test
    void postgresSchemaWithEveryKindHasNoFalseDriftAndOnlyItsNotValidConstraintsAreProblems() throws IOException {
        migration(postgresEveryKind());

        inspectEverything(
                strata(PostgresServer.newDatabaseUrl()),
                List.of(
                        "constraint accounts_number_positive on table billing.accounts is NOT VALID",
                        "constraint accounts_parent_fk on table billing.accounts is NOT VALID"));
    }

    @Test
    void aConfiguredPostgresShadowIsEmptiedOfEveryKindAndCanBeUsedAgain() throws IOException {
        migration(postgresEveryKind());
        String shadow = PostgresServer.newDatabaseUrl();
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nshadow_url = \"" + shadow + "\"\n");
        Strata strata = strata(PostgresServer.newDatabaseUrl());

        SchemaDump first = strata.dump(true);
        SchemaDump second = strata.dump(true);

        assertThat(second.sql()).isEqualTo(first.sql());
        assertThat(Jdbc.count(
                        shadow,
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"))
                .isZero();
        assertThat(Jdbc.count(shadow, "SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"))
                .isZero();
        assertThat(Jdbc.count(shadow, "SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'"))
                .isZero();
    }

    @Test
    void aConfiguredSqliteShadowIsEmptiedOfEveryKind() throws IOException {
        migration(SQLITE_EVERY_KIND);
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nshadow_url = \"sqlite:shadow.db\"\n");
        Strata strata = strata("sqlite:app.db");

        SchemaDump first = strata.dump(true);
        SchemaDump second = strata.dump(true);

        assertThat(second.sql()).isEqualTo(first.sql());
        assertThat(Jdbc.count(
                        "sqlite:" + project.resolve("shadow.db"),
                        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
                .isZero();
    }
}
