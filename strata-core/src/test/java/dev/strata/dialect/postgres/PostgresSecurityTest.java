package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.strata.schema.Grant;
import dev.strata.schema.NotCompared;
import dev.strata.schema.Policy;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.TableSettings;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage parameters, row-level security, policies and grants on the embedded PostgreSQL: read,
 * dumped, loaded back and compared; and what the model does not describe, listed.
 */
class PostgresSecurityTest {

    private static final String SECURED = """
            CREATE TABLE documents (
                id integer PRIMARY KEY,
                owner_name text NOT NULL DEFAULT current_user,
                body text
            );
            ALTER TABLE documents SET (autovacuum_vacuum_scale_factor = 0.01, fillfactor = 70);
            ALTER TABLE ONLY documents ALTER COLUMN body SET STATISTICS 10000;
            ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
            ALTER TABLE documents FORCE ROW LEVEL SECURITY;
            CREATE POLICY own_documents ON documents FOR SELECT TO strata_reader USING (owner_name = current_user);
            CREATE POLICY no_empty ON documents AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (body <> '');
            CREATE POLICY everything ON documents USING (true);
            GRANT SELECT, INSERT ON documents TO strata_reader;
            GRANT UPDATE (body) ON documents TO strata_reader WITH GRANT OPTION;
            GRANT SELECT ON documents TO PUBLIC;
            """;

    @BeforeAll
    static void createRole() {
        // Roles belong to the server, not to a database: created once for every test database.
        PostgresServer.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'strata_reader')"
                + " THEN CREATE ROLE strata_reader; END IF; END $$");
    }

    @Test
    void readsStorageParametersRowLevelSecurityPoliciesAndGrants() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, SECURED);

        Schema schema = schemaOf(url);

        assertThat(schema.table("documents").orElseThrow().settings())
                .isEqualTo(new TableSettings(
                        List.of("autovacuum_vacuum_scale_factor=0.01", "fillfactor=70"),
                        true,
                        true,
                        List.of("body=10000")));
        assertThat(schema.policies())
                .extracting(
                        Policy::name,
                        Policy::permissive,
                        Policy::command,
                        Policy::roles,
                        Policy::using,
                        Policy::withCheck)
                .containsExactly(
                        tuple("everything", true, "ALL", List.of("public"), "true", null),
                        tuple("no_empty", false, "INSERT", List.of("public"), null, "(body <> ''::text)"),
                        tuple(
                                "own_documents",
                                true,
                                "SELECT",
                                List.of("strata_reader"),
                                "(owner_name = CURRENT_USER)",
                                null));
        assertThat(schema.grants())
                .extracting(Grant::column, Grant::grantee, Grant::privilege, Grant::grantable)
                .containsExactlyInAnyOrder(
                        tuple(null, "strata_reader", "SELECT", false),
                        tuple(null, "strata_reader", "INSERT", false),
                        tuple(null, "PUBLIC", "SELECT", false),
                        tuple("body", "strata_reader", "UPDATE", true));
    }

    @Test
    void aDumpLoadsBackWithTheSameSecurity() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, SECURED);
        Schema original = schemaOf(url);

        String dump = PostgresDialect.INSTANCE.schemaWriter().script(original);
        String copy = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(copy, dump);

        assertThat(dump)
                .contains("ALTER TABLE documents SET (autovacuum_vacuum_scale_factor = '0.01',"
                        + " fillfactor = '70');\n")
                .contains("ALTER TABLE documents ALTER COLUMN body SET STATISTICS 10000;\n")
                .contains("ALTER TABLE documents ENABLE ROW LEVEL SECURITY;\n")
                .contains("CREATE POLICY no_empty ON documents AS RESTRICTIVE FOR INSERT TO PUBLIC"
                        + " WITH CHECK ((body <> ''::text));\n")
                .contains("GRANT UPDATE (body) ON documents TO strata_reader WITH GRANT OPTION;\n");
        assertThat(schemaOf(copy)).isEqualTo(original);
    }

    @Test
    void differencesInSecurityAreSchemaChanges() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, SECURED);
        Schema before = schemaOf(url);
        Jdbc.execute(url, "ALTER TABLE documents RESET (fillfactor)");
        Jdbc.execute(url, "ALTER TABLE documents NO FORCE ROW LEVEL SECURITY");
        Jdbc.execute(url, "DROP POLICY own_documents ON documents");
        Jdbc.execute(url, "ALTER POLICY everything ON documents USING (false)");
        Jdbc.execute(url, "REVOKE INSERT ON documents FROM strata_reader");
        Jdbc.execute(url, "GRANT DELETE ON documents TO strata_reader");

        List<String> changes = SchemaDiff.between(before, schemaOf(url)).stream()
                .map(SchemaChange::describe)
                .toList();

        // Too long to show both sides on one line (the column's statistics target is part of it).
        assertThat(changes)
                .containsExactly(
                        "~ table documents storage parameters changed",
                        "~ table documents row level security enabled, forced -> enabled",
                        "~ policy documents.everything definition permissive for ALL to public using (true)"
                                + " -> permissive for ALL to public using (false)",
                        "- policy documents.own_documents",
                        "+ grant DELETE on documents to strata_reader",
                        "- grant INSERT on documents to strata_reader");
    }

    /** Every kind the model does describe, extensions' own objects included, gives nothing to list. */
    @Test
    void listsNothingForASchemaTheModelDescribesFully() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, PostgresFixtures.resource("every-kind.sql"));

        assertThat(schemaOf(url).notCompared()).isEmpty();
    }

    @Test
    void listsWhatTheModelDoesNotDescribe() {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, """
                CREATE TABLE items (id integer PRIMARY KEY, during tsrange);
                CREATE TABLE archived_items () INHERITS (items);
                CREATE RULE no_delete AS ON DELETE TO items DO INSTEAD NOTHING;
                CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
                CREATE EVENT TRIGGER log_ddl ON ddl_command_end EXECUTE FUNCTION log_ddl();
                CREATE PUBLICATION items_feed FOR TABLE items;
                CREATE AGGREGATE total(integer) (sfunc = int4pl, stype = integer);
                CREATE UNLOGGED TABLE scratch (id integer);
                CREATE VIEW secure_items WITH (security_barrier = true) AS SELECT id FROM items;
                COMMENT ON CONSTRAINT items_pkey ON items IS 'the key';
                ALTER TABLE items ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);
                COMMENT ON CONSTRAINT no_overlap ON items IS 'one at a time';
                CREATE FOREIGN DATA WRAPPER dummy;
                CREATE SERVER elsewhere FOREIGN DATA WRAPPER dummy;
                CREATE FOREIGN TABLE remote_items (id integer) SERVER elsewhere;
                """);
        try {
            Schema schema = schemaOf(url);

            assertThat(schema.notCompared())
                    .extracting(NotCompared::describe)
                    .contains(
                            "event trigger log_ddl",
                            "rule no_delete on items",
                            "publication items_feed",
                            "aggregate total(integer)",
                            "unlogged table scratch",
                            "inheritance archived_items inherits items",
                            "view options secure_items (security_barrier=true)",
                            "comment on no_overlap on items",
                            "foreign-data wrapper dummy",
                            "foreign server elsewhere",
                            "foreign table remote_items");
            assertThat(schema.notCompared()).extracting(NotCompared::kind).doesNotContain("cast", "operator");
            assertThat(schema.notCompared())
                    .as("the model carries a primary key's comment")
                    .extracting(NotCompared::describe)
                    .doesNotContain("comment on items_pkey on items");
        } finally {
            // Event triggers and publications live in their database, but keep the server tidy for other tests.
            Jdbc.execute(url, "DROP EVENT TRIGGER log_ddl");
        }
    }
}
