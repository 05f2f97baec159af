package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresFixtures.resource;
import static dev.strata.dialect.postgres.PostgresFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.Partitioning;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Routine;
import dev.strata.schema.Schema;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.UserType;
import dev.strata.schema.View;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresSchemaReaderTest {

    private static Schema schema;

    @BeforeAll
    static void readEveryKind() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, resource("every-kind.sql"));
        schema = schemaOf(url);
    }

    private static QualifiedName name(String schemaName, String name) {
        return new QualifiedName(schemaName, name);
    }

    private static Index index(String name) {
        return schema.indexes().stream()
                .filter(index -> index.name().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name));
    }

    private static Table table(String name) {
        return schema.table(name).orElseThrow(() -> new AssertionError("no table " + name));
    }

    @Test
    void defaultSchemaIsTheCurrentSchemaAndSystemSchemasAreLeftOut() {
        assertThat(schema.engine()).isEqualTo("postgres");
        assertThat(schema.defaultSchema()).isEqualTo("public");
        assertThat(schema.schemas()).containsExactly("billing", "public");
    }

    @Test
    void columnsKeepTypeDefaultsCollationGenerationIdentityAndComments() {
        Table users = table("users");
        assertThat(users.columns())
                .extracting(Column::name)
                .containsExactly(
                        "id",
                        "email",
                        "Display Name",
                        "mood",
                        "visits",
                        "score",
                        "doubled",
                        "updated_at",
                        "attributes",
                        "status");
        assertThat(users.column("id").orElseThrow())
                .isEqualTo(new Column("id", "integer", true, null, null, null, "ALWAYS", null));
        assertThat(users.column("email").orElseThrow())
                .isEqualTo(new Column("email", "citext", true, null, "C", null, null, "Unique, case-insensitive"));
        assertThat(users.column("Display Name").orElseThrow().type()).isEqualTo("character varying(80)");
        assertThat(users.column("mood").orElseThrow().defaultValue()).isEqualTo("'ok'::mood");
        assertThat(users.column("score").orElseThrow()).isEqualTo(Column.of("score", "numeric(12,2)", true, "0"));
        assertThat(users.column("doubled").orElseThrow().generated())
                .isEqualTo(new Column.Generated("(score * (2)::numeric)", true));
        assertThat(users.column("doubled").orElseThrow().defaultValue()).isNull();
        // The extension lives in another schema, so its type is named with it.
        assertThat(users.column("attributes").orElseThrow().type()).isEqualTo("billing.hstore");
        assertThat(users.comment()).isEqualTo("People who sign in");
        assertThat(table("billing.accounts").column("id").orElseThrow().defaultValue())
                .isEqualTo("nextval('billing.accounts_id_seq'::regclass)");
    }

    @Test
    void constraintsComeWithTheirNamesActionsAndValidity() {
        Table users = table("users");
        assertThat(users.primaryKey()).isEqualTo(new PrimaryKey("users_pkey", List.of("id"), false));
        assertThat(users.uniques()).containsExactly(new UniqueConstraint("users_email_key", List.of("email")));
        assertThat(users.checks())
                .containsExactly(
                        new CheckConstraint("users_score_check", "(score >= (0)::numeric)", true),
                        // IN on a varchar column, in the form the server prints once the text is parsed again.
                        new CheckConstraint(
                                "users_status_check",
                                "((status)::text = ANY (ARRAY[('new'::character varying)::text,"
                                        + " ('active'::character varying)::text, ('gone'::character varying)::text]))",
                                true));

        Table accounts = table("billing.accounts");
        assertThat(accounts.foreignKeys())
                .containsExactly(
                        new ForeignKey(
                                "accounts_owner_fk",
                                List.of("owner_id"),
                                name("public", "users"),
                                List.of("id"),
                                ReferentialAction.CASCADE,
                                ReferentialAction.RESTRICT,
                                true,
                                true,
                                true),
                        new ForeignKey(
                                "accounts_parent_fk",
                                List.of("parent_id"),
                                name("billing", "accounts"),
                                List.of("id"),
                                ReferentialAction.SET_NULL,
                                ReferentialAction.NO_ACTION,
                                false,
                                false,
                                false));
        assertThat(accounts.checks())
                .containsExactly(new CheckConstraint("accounts_number_positive", "(number > 0)", false));
        assertThat(accounts.uniques())
                .containsExactly(new UniqueConstraint("accounts_number_owner", List.of("number", "owner_id")));
    }

    @Test
    void partitionsKnowTheirParentAndDoNotRepeatWhatTheyInherit() {
        assertThat(table("events").partitioning()).isEqualTo(new Partitioning("RANGE (happened_on)", null, null));
        Table partition = table("events_2024");
        assertThat(partition.partitioning())
                .isEqualTo(new Partitioning(
                        null, name("public", "events"), "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"));
        assertThat(partition.primaryKey()).isNull();
        assertThat(partition.columns()).extracting(Column::name).containsExactly("id", "happened_on", "payload");
        assertThat(table("events_rest").partitioning().bound()).isEqualTo("DEFAULT");
        assertThat(table("users").partitioning()).isNull();
        // The index on the partitioned table is listed once, not once per partition.
        assertThat(schema.indexes())
                .filteredOn(index -> index.name().name().startsWith("events"))
                .extracting(Index::name)
                .containsExactly(name("public", "events_payload"));
    }

    @Test
    void indexesThatBackNoConstraintWithKeysExpressionsAndOptions() {
        assertThat(schema.indexes())
                .extracting(index -> index.name().toString())
                .containsExactly(
                        "billing.account_totals_owner",
                        "billing.accounts_owner",
                        "public.events_payload",
                        "public.users_lower_email",
                        "public.users_name",
                        "public.users_name_trigrams",
                        "public.users_recent");
        Index expression = schema.indexesOn(name("public", "users")).stream()
                .filter(index -> index.name().name().equals("users_lower_email"))
                .findFirst()
                .orElseThrow();
        assertThat(expression.keys())
                .containsExactly(new IndexKey(null, "lower(email::text)", true, "C"), IndexKey.column("id"));
        assertThat(expression.where()).isEqualTo("((visits)::integer > 1)");
        assertThat(expression.method()).isEqualTo("btree");
        assertThat(expression.unique()).isFalse();
        assertThat(expression.valid()).isTrue();
        Index unique = schema.indexesOn(name("public", "users")).stream()
                .filter(index -> index.name().name().equals("users_name"))
                .findFirst()
                .orElseThrow();
        assertThat(unique.unique()).isTrue();
        assertThat(unique.comment()).isEqualTo("Names are unique");
        assertThat(schema.indexesOn(name("billing", "accounts")).get(0).method())
                .isEqualTo("hash");
        Index trigrams = index("users_name_trigrams");
        assertThat(trigrams.method()).isEqualTo("gin");
        assertThat(trigrams.keys())
                .containsExactly(new IndexKey("Display Name", null, false, null, "billing.gin_trgm_ops", null));
        Index recent = index("users_recent");
        assertThat(recent.keys())
                .containsExactly(
                        new IndexKey("updated_at", null, true, null, null, "LAST"),
                        new IndexKey("status", null, false, null, "text_pattern_ops", "FIRST"));
        assertThat(recent.include()).containsExactly("mood", "score");
        assertThat(recent.describeKeys())
                .isEqualTo("(updated_at DESC NULLS LAST, status text_pattern_ops NULLS FIRST)");
        assertThat(expression.include()).isEmpty();
    }

    @Test
    void viewsAndMaterializedViews() {
        assertThat(schema.views())
                .extracting(View::name, View::materialized, View::comment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                name("billing", "account_totals"), true, "Refreshed nightly"),
                        org.assertj.core.groups.Tuple.tuple(
                                name("public", "active_users"), false, "Came back at least twice"),
                        org.assertj.core.groups.Tuple.tuple(name("public", "busy_users"), false, null),
                        org.assertj.core.groups.Tuple.tuple(name("public", "recent_active"), false, null));
        assertThat(schema.views().get(2).definition()).isEqualTo("SELECT id\n   FROM active_users\n  WHERE (id > 10)");
    }

    @Test
    void triggersSequencesTypesRoutinesAndExtensions() {
        assertThat(schema.triggers())
                .extracting(
                        trigger -> trigger.name().name(),
                        trigger -> trigger.table().name())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("events_touch", "events"),
                        org.assertj.core.groups.Tuple.tuple("users_touch", "users"));
        assertThat(schema.triggers().get(1).definition())
                .isEqualTo(
                        "CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION touch()");

        assertThat(schema.sequences())
                .containsExactly(
                        new Sequence(
                                name("billing", "accounts_id_seq"),
                                "integer",
                                1,
                                1,
                                1,
                                Integer.MAX_VALUE,
                                false,
                                "billing.accounts.id"),
                        new Sequence(
                                name("billing", "invoice_numbers"), "bigint", 1000, 10, 1000, 99999999, true, null));

        assertThat(schema.types())
                .containsExactly(
                        new UserType(
                                name("billing", "money_pair"),
                                UserType.Kind.COMPOSITE,
                                List.of(),
                                "amount numeric(12,2), \"Currency\" text COLLATE \"C\"",
                                null),
                        new UserType(
                                name("public", "float_range"),
                                UserType.Kind.RANGE,
                                List.of(),
                                "SUBTYPE = double precision, SUBTYPE_DIFF = float8mi",
                                null),
                        new UserType(
                                name("public", "mood"),
                                UserType.Kind.ENUM,
                                List.of("sad", "ok", "happy"),
                                "",
                                "How a user feels"),
                        new UserType(
                                name("public", "positive_int"),
                                UserType.Kind.DOMAIN,
                                List.of(),
                                "integer DEFAULT 1 CONSTRAINT positive_int_not_null NOT NULL"
                                        + " CONSTRAINT positive CHECK ((VALUE > 0))",
                                "Counts from one"));

        assertThat(schema.routines())
                .extracting(Routine::signature)
                .containsExactly(
                        "close_month(INOUT closed integer)",
                        "stamp()",
                        "active_user_ids()",
                        "add(a integer, b integer)",
                        "add(a numeric, b numeric)",
                        "touch()",
                        "user_count()");
        Routine add = schema.routines().get(3);
        assertThat(add.comment()).isEqualTo("Adds, one by default");
        assertThat(add.definition())
                .startsWith("CREATE OR REPLACE FUNCTION public.add(a integer, b integer DEFAULT 1)")
                .endsWith("$function$");

        assertThat(schema.extensions())
                .containsExactly(
                        new Extension("citext", "public", "1.6"),
                        new Extension("hstore", "billing", "1.8"),
                        new Extension("pg_trgm", "billing", "1.6"));
    }

    @Test
    void extensionMembersPlpgsqlAndHistoryTablesAreLeftOut() {
        assertThat(schema.routines())
                .noneMatch(routine -> routine.name().name().startsWith("citext")
                        || routine.name().name().startsWith("hstore")
                        || routine.name().name().startsWith("plpgsql"));
        assertThat(schema.types()).noneMatch(type -> type.name().name().equals("citext"));

        String url = PostgresServer.newDatabaseUrl();
        Jdbc.execute(
                url,
                "CREATE TABLE strata_history (version text PRIMARY KEY);"
                        + " CREATE TABLE strata_history_meta (format_version bigint);"
                        + " CREATE SCHEMA other; CREATE TABLE other.strata_history (id integer);");
        Schema withHistory = schemaOf(url);
        assertThat(withHistory.tables())
                .extracting(table -> table.name().toString())
                .containsExactly("other.strata_history");
    }

    @Test
    void creationOrderDoesNotMatter() {
        String first = PostgresServer.newDatabaseUrl();
        Jdbc.execute(
                first,
                "CREATE TABLE b (id integer PRIMARY KEY, a_id integer);"
                        + " CREATE TABLE a (id integer PRIMARY KEY, name text UNIQUE, CONSTRAINT low CHECK (id > 0), CONSTRAINT high CHECK (id < 100));"
                        + " ALTER TABLE b ADD FOREIGN KEY (a_id) REFERENCES a (id);"
                        + " CREATE INDEX b_a ON b (a_id); CREATE INDEX a_name ON a (lower(name));"
                        + " CREATE TYPE t2 AS ENUM ('x'); CREATE TYPE t1 AS ENUM ('y');"
                        + " CREATE SEQUENCE s2; CREATE SEQUENCE s1;"
                        + " CREATE VIEW v2 AS SELECT 1 AS one; CREATE VIEW v1 AS SELECT 2 AS two;"
                        + " CREATE FUNCTION f(x text) RETURNS text LANGUAGE sql AS 'SELECT x';"
                        + " CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';");
        String second = PostgresServer.newDatabaseUrl();
        Jdbc.execute(
                second,
                "CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x';"
                        + " CREATE FUNCTION f(x text) RETURNS text LANGUAGE sql AS 'SELECT x';"
                        + " CREATE VIEW v1 AS SELECT 2 AS two; CREATE VIEW v2 AS SELECT 1 AS one;"
                        + " CREATE SEQUENCE s1; CREATE SEQUENCE s2;"
                        + " CREATE TYPE t1 AS ENUM ('y'); CREATE TYPE t2 AS ENUM ('x');"
                        + " CREATE TABLE a (id integer PRIMARY KEY, name text UNIQUE, CONSTRAINT high CHECK (id < 100), CONSTRAINT low CHECK (id > 0));"
                        + " CREATE INDEX a_name ON a (lower(name));"
                        + " CREATE TABLE b (id integer PRIMARY KEY, a_id integer REFERENCES a (id));"
                        + " CREATE INDEX b_a ON b (a_id);");

        Schema one = schemaOf(first);
        Schema other = schemaOf(second);
        assertThat(one).isEqualTo(other);
        assertThat(one.tables()).hasSize(2);
        assertThat(one.routines()).hasSize(2);
    }

    @Test
    void anEmptyDatabaseHasAnEmptySchema() {
        Schema empty = schemaOf(PostgresServer.newDatabaseUrl());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.schemas()).containsExactly("public");
    }
}
