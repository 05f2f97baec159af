package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresFixtures.resource;
import static dev.strata.dialect.postgres.PostgresFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.dialect.SchemaWriter;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresSchemaWriterTest {

    private final SchemaWriter writer = PostgresDialect.INSTANCE.schemaWriter();

    /** Dumps the database at {@code url}, loads the dump into a fresh database and checks both come back equal. */
    private String assertRoundTrip(String url) {
        Schema original = schemaOf(url);
        String dump = writer.script(original);

        String copy = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(copy, dump);
        Schema reloaded = schemaOf(copy);

        assertThat(reloaded).isEqualTo(original);
        assertThat(writer.script(reloaded)).isEqualTo(dump);
        return dump;
    }

    @Test
    void everyObjectKindSurvivesADumpAndReload() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, resource("every-kind.sql"));

        String dump = assertRoundTrip(url);

        Schema schema = schemaOf(url);
        assertThat(schema.tables()).hasSize(7);
        assertThat(schema.views()).hasSize(4);
        assertThat(schema.indexes()).hasSize(7);
        assertThat(schema.triggers()).hasSize(2);
        assertThat(schema.sequences()).hasSize(2);
        assertThat(schema.types())
                .extracting(type -> type.kind().name())
                .containsExactlyInAnyOrder("ENUM", "DOMAIN", "COMPOSITE", "RANGE");
        assertThat(schema.routines()).hasSize(7);
        assertThat(schema.extensions()).hasSize(3);
        assertThat(dump)
                .startsWith("SET check_function_bodies = false;\n\nCREATE SCHEMA IF NOT EXISTS billing;\n")
                .contains("SET search_path = public;\n")
                .contains(
                        "ALTER TABLE chickens ADD CONSTRAINT chickens_egg_fk FOREIGN KEY (egg_id) REFERENCES eggs (id);\n")
                .contains("ALTER SEQUENCE billing.accounts_id_seq OWNED BY billing.accounts.id;\n")
                .contains(
                        "CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n")
                .contains("ALTER TABLE billing.accounts ADD CONSTRAINT accounts_number_positive CHECK ((number > 0))"
                        + " NOT VALID;\n")
                .contains("COMMENT ON COLUMN users.email IS 'Unique, case-insensitive';\n")
                .contains("COMMENT ON CONSTRAINT chickens_egg_fk ON chickens IS 'Which came first';\n")
                .contains(
                        "CREATE INDEX users_name_trigrams ON users USING gin (\"Display Name\" billing.gin_trgm_ops);\n")
                .contains("CREATE INDEX users_recent ON users (updated_at DESC NULLS LAST, status text_pattern_ops"
                        + " NULLS FIRST) INCLUDE (mood, score);\n");
        // Objects come in the order the engine needs: views after the views they read.
        assertThat(dump.indexOf("CREATE VIEW active_users")).isLessThan(dump.indexOf("CREATE VIEW busy_users"));
        assertThat(dump.indexOf("CREATE TYPE")).isLessThan(dump.indexOf("CREATE SEQUENCE"));
        assertThat(dump.indexOf("CREATE SEQUENCE")).isLessThan(dump.indexOf("CREATE OR REPLACE FUNCTION"));
        assertThat(dump.indexOf("CREATE OR REPLACE FUNCTION")).isLessThan(dump.indexOf("CREATE TABLE"));
        // ... and functions whose signature or SQL-standard body names a table after the tables.
        assertThat(dump.indexOf("CREATE VIEW active_users"))
                .isLessThan(dump.indexOf("CREATE OR REPLACE FUNCTION public.active_user_ids()"));
        assertThat(dump.indexOf("CREATE OR REPLACE FUNCTION public.active_user_ids()"))
                .isLessThan(dump.indexOf("CREATE VIEW recent_active"));
        assertThat(dump.lastIndexOf("CREATE TABLE"))
                .isLessThan(dump.indexOf("CREATE OR REPLACE FUNCTION public.user_count()"));
        assertThat(dump.lastIndexOf("CREATE TABLE")).isLessThan(dump.indexOf("ALTER TABLE"));
        assertThat(dump.indexOf("CREATE MATERIALIZED VIEW")).isLessThan(dump.indexOf("CREATE UNIQUE INDEX"));
        assertThat(dump.lastIndexOf("CREATE TRIGGER")).isLessThan(dump.indexOf("COMMENT ON"));
        // A constraint's comment needs the constraint, which may be added after its table.
        assertThat(dump.indexOf("ADD CONSTRAINT chickens_egg_fk")).isLessThan(dump.indexOf("COMMENT ON CONSTRAINT"));
    }

    @Test
    void aCommentOnAConstraintIsComparedByDrift() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, """
                CREATE TABLE crates (id integer CONSTRAINT crates_pkey PRIMARY KEY, name text CONSTRAINT name_unique UNIQUE);
                COMMENT ON CONSTRAINT name_unique ON crates IS 'names are unique';
                """);
        Schema before = schemaOf(url);
        assertThat(before.tables().get(0).settings().constraintComments())
                .containsExactly(Map.entry("name_unique", "names are unique"));
        assertThat(before.notCompared()).isEmpty();

        Jdbc.execute(url, "COMMENT ON CONSTRAINT name_unique ON crates IS NULL");
        Jdbc.execute(url, "COMMENT ON CONSTRAINT crates_pkey ON crates IS 'the key'");

        assertThat(dev.strata.schema.SchemaDiff.between(before, schemaOf(url)))
                .extracting(dev.strata.schema.SchemaChange::describe)
                .containsExactly("~ table crates comments on constraints name_unique: 'names are unique'"
                        + " -> crates_pkey: 'the key'");
        assertRoundTrip(url);
    }

    @Test
    void theEventsExampleSurvivesADumpAndReload() {
        String url = PostgresServer.newDatabaseUrl();
        Strata.configure()
                .projectDir(Path.of("..", "examples", "events-pg"))
                // The examples folder is the user's: no run log written into it.
                .runLog(Optional.empty())
                .url(url)
                .environmentVariables(Map.of())
                .load()
                .migrate();

        String dump = assertRoundTrip(url);

        assertThat(dump).doesNotContain("strata_history");
        assertThat(dump).contains("CREATE TABLE events (\n" + "    id uuid DEFAULT gen_random_uuid() NOT NULL,\n");
        assertThat(dump)
                .contains("CREATE INDEX idx_triggers_chain_registry ON triggers (chain_id, registry) WHERE enabled;\n");
    }

    @Test
    void anEmptySchemaDumpsToSettingsOnly() {
        String dump = assertRoundTrip(PostgresServer.newDatabaseUrl());
        assertThat(dump)
                .isEqualTo("SET check_function_bodies = false;\n\n"
                        + "CREATE SCHEMA IF NOT EXISTS public;\n\n"
                        + "SET search_path = public;\n");
    }

    @Test
    void createTableStandsAloneWithEveryConstraintAndQualifiedNames() {
        Table table = new Table(
                new QualifiedName("public", "order"),
                List.of(
                        Column.of("id", "bigint", true, null),
                        Column.of("User Id", "integer", false, null),
                        new Column("code", "text", false, null, "C", null, null, null)),
                new PrimaryKey("order_pkey", List.of("id"), false),
                List.of(new ForeignKey(
                        null,
                        List.of("User Id"),
                        new QualifiedName("app", "users"),
                        List.of("id"),
                        ReferentialAction.SET_NULL,
                        ReferentialAction.NO_ACTION,
                        false,
                        false,
                        true)),
                List.of(),
                List.of(new UniqueConstraint(null, List.of("code"))),
                false,
                false,
                null);

        assertThat(writer.createTable(table)).isEqualTo("""
                CREATE TABLE public."order" (
                    id bigint NOT NULL,
                    "User Id" integer,
                    code text COLLATE "C",
                    CONSTRAINT order_pkey PRIMARY KEY (id),
                    UNIQUE (code),
                    FOREIGN KEY ("User Id") REFERENCES app.users (id) ON DELETE SET NULL
                )""");
    }

    @Test
    void createIndexWritesExpressionsInParenthesesAndNamesTheAccessMethodWhenNotBtree() {
        Index index = new Index(
                new QualifiedName("app", "events_recent"),
                new QualifiedName("app", "events"),
                true,
                List.of(new IndexKey(null, "lower(name)", false, null), new IndexKey("at", null, true, "C")),
                "(at > '2024-01-01'::date)",
                "btree",
                true,
                null);
        assertThat(writer.createIndex(index))
                .isEqualTo("CREATE UNIQUE INDEX events_recent ON app.events ((lower(name)), at COLLATE \"C\" DESC)"
                        + " WHERE (at > '2024-01-01'::date)");
        Index gin = new Index(
                new QualifiedName("app", "events_payload"),
                new QualifiedName("app", "events"),
                false,
                List.of(IndexKey.column("payload")),
                null,
                "gin",
                false,
                null);
        assertThat(writer.createIndex(gin)).endsWith("CREATE INDEX events_payload ON app.events USING gin (payload)");
    }

    @Test
    void quotesOnlyWhatPostgresWouldNotReadBackUnchanged() {
        String url = PostgresServer.newDatabaseUrl();
        List<String> names = List.of(
                "users",
                "user",
                "order",
                "Users",
                "two words",
                "_x1",
                "1x",
                "a$b",
                "say\"hi",
                "select",
                "name",
                "text",
                "json",
                "véhicule",
                "");
        for (String name : names) {
            String expected = Jdbc.query(url, "SELECT quote_ident('" + name.replace("'", "''") + "')")
                    .get(0)
                    .get(0);
            assertThat(writer.quote(name)).as(name).isEqualTo(expected);
        }
        // Every keyword the server knows is quoted exactly when the server quotes it.
        for (List<String> row : Jdbc.query(url, "SELECT word, quote_ident(word) FROM pg_get_keywords()")) {
            assertThat(writer.quote(row.get(0))).as(row.get(0)).isEqualTo(row.get(1));
        }
    }
}
