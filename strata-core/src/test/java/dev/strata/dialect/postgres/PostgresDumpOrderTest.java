package dev.strata.dialect.postgres;

import static dev.strata.dialect.postgres.PostgresFixtures.resource;
import static dev.strata.dialect.postgres.PostgresFixtures.schemaOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Schema;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump of functions with SQL-standard bodies and of the tables and views that use them loads with
 * psql, the way a user loads it, into a fresh database.
 */
class PostgresDumpOrderTest {

    @TempDir
    Path dir;

    /** What psql printed, and how it ended. */
    private record Psql(int exitCode, String output) {}

    /** Loads a script with psql, stopping at the first error as a careful user would. */
    private Psql psql(String url, String script) throws IOException, InterruptedException {
        Path file = dir.resolve("dump-" + System.nanoTime() + ".sql");
        Files.writeString(file, script);
        String target = url.replaceFirst("^postgres://", "postgresql://");
        Process process = new ProcessBuilder(
                        "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target, "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Psql(process.exitValue(), output);
    }

    @Test
    void functionsWithSqlStandardBodiesAndWhatUsesThemLoadInDependencyOrder() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, resource("sql-standard-bodies.sql"));
        Schema original = schemaOf(url);

        assertThat(original.dependencies())
                .contains(
                        dependency(
                                Kind.ROUTINE, "a_double_counter", "n text", Kind.ROUTINE, "y_counter_value", "n text"),
                        dependency(Kind.ROUTINE, "y_counter_value", "n text", Kind.TABLE, "z_counters", ""),
                        dependency(Kind.TABLE, "b_orders", "", Kind.ROUTINE, "a_double_counter", "n text"),
                        dependency(Kind.TABLE, "b_orders", "", Kind.ROUTINE, "x_positive", "v integer"),
                        dependency(Kind.TABLE, "b_orders", "", Kind.ROUTINE, "w_twice", "v integer"),
                        dependency(Kind.VIEW, "c_order_stats", "", Kind.TABLE, "b_orders", ""),
                        dependency(Kind.ROUTINE, "a_order_count", "", Kind.VIEW, "c_order_stats", ""),
                        dependency(Kind.VIEW, "a_summary", "", Kind.ROUTINE, "a_order_count", ""));

        String dump = PostgresDialect.INSTANCE.schemaWriter().script(original);
        assertThat(dump)
                .containsSubsequence(
                        "CREATE TABLE z_counters",
                        "FUNCTION public.y_counter_value(",
                        "FUNCTION public.a_double_counter(",
                        "CREATE TABLE b_orders",
                        "CREATE VIEW c_order_stats",
                        "FUNCTION public.a_order_count(",
                        "CREATE VIEW a_summary");

        String copy = PostgresServer.newDatabaseUrl();
        Psql loaded = psql(copy, dump);
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
        assertThat(schemaOf(copy)).isEqualTo(original);
        Jdbc.execute(copy, "INSERT INTO z_counters VALUES ('orders', 3)");
        Jdbc.execute(copy, "INSERT INTO b_orders (id) VALUES (1)");
        assertThat(Jdbc.query(copy, "SELECT seq, doubled FROM b_orders")).containsExactly(List.of("6", "2"));
        assertThat(Jdbc.query(copy, "SELECT orders FROM a_summary")).containsExactly(List.of("1"));
    }

    /**
     * A table whose default and check call a function that reads the same table: no order of CREATE
     * statements loads, so the dump adds them once the function exists.
     */
    @Test
    void aDefaultAndACheckThatReadTheirOwnTableAreAddedAfterTheFunction() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, """
                CREATE TABLE tickets (id integer PRIMARY KEY, number integer, note text);
                CREATE FUNCTION next_number() RETURNS integer LANGUAGE sql
                    RETURN (SELECT coalesce(max(number), 0) + 1 FROM tickets);
                ALTER TABLE tickets ALTER COLUMN number SET DEFAULT next_number();
                ALTER TABLE tickets ADD CONSTRAINT below_next CHECK (number < next_number() + 100);
                """);
        Schema original = schemaOf(url);

        String dump = PostgresDialect.INSTANCE.schemaWriter().script(original);
        String copy = PostgresServer.newDatabaseUrl();
        Psql loaded = psql(copy, dump);

        assertThat(dump)
                .containsSubsequence(
                        "CREATE TABLE tickets (\n    id integer NOT NULL,\n    number integer,\n",
                        "FUNCTION public.next_number()",
                        "ALTER TABLE tickets ALTER COLUMN number SET DEFAULT next_number();\n",
                        "ALTER TABLE tickets ADD CONSTRAINT below_next CHECK ((number < (next_number() + 100)));\n");
        assertThat(loaded.exitCode()).as(loaded.output()).isZero();
        assertThat(schemaOf(copy)).isEqualTo(original);
        Jdbc.execute(copy, "INSERT INTO tickets (id) VALUES (1), (2)");
        assertThat(Jdbc.query(copy, "SELECT number FROM tickets ORDER BY id"))
                .containsExactly(List.of("1"), List.of("2"));
    }

    /** Name order alone, as dumps were written before, does not load: the test above proves something. */
    @Test
    void theSameObjectsInNameOrderDoNotLoad() throws Exception {
        String url = PostgresServer.newDatabaseUrl();
        PostgresFixtures.load(url, resource("sql-standard-bodies.sql"));
        Schema original = schemaOf(url);
        Schema withoutOrder = new Schema(
                original.engine(),
                original.defaultSchema(),
                original.schemas(),
                original.tables(),
                original.views(),
                original.indexes(),
                original.triggers(),
                original.sequences(),
                original.types(),
                original.routines(),
                original.extensions());

        Psql loaded = psql(
                PostgresServer.newDatabaseUrl(),
                PostgresDialect.INSTANCE.schemaWriter().script(withoutOrder));

        assertThat(loaded.exitCode()).isNotZero();
        assertThat(loaded.output()).contains("does not exist");
    }

    private static Dependency dependency(
            Kind kind,
            String name,
            String arguments,
            Kind referencedKind,
            String referenced,
            String referencedArguments) {
        return new Dependency(
                new Dependency.SchemaObject(kind, new dev.strata.schema.QualifiedName("public", name), arguments),
                new Dependency.SchemaObject(
                        referencedKind,
                        new dev.strata.schema.QualifiedName("public", referenced),
                        referencedArguments));
    }
}
