package dev.strata.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReparsedTextTest {

    /** What the server prints for a CHECK it was given as {@code condition}. */
    private static String printed(String url, String table, String condition) {
        Jdbc.execute(url, "ALTER TABLE " + table + " ADD CONSTRAINT probe CHECK (" + condition + ")");
        String text = Jdbc.query(
                        url,
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'probe'"
                                + " AND conrelid = '" + table + "'::regclass")
                .get(0)
                .get(0);
        Jdbc.execute(url, "ALTER TABLE " + table + " DROP CONSTRAINT probe");
        return PostgresSchemaReader.checkExpression(text);
    }

    @Test
    void rewritesExactlyAsTheServerReparses() {
        String url = PostgresServer.newDatabaseUrl();
        Jdbc.execute(url, "CREATE TABLE t (code varchar(10), n integer, c char(3), note text, amount numeric(12,2))");
        List<String> conditions = List.of(
                "code IN ('a', 'b')",
                "code NOT IN ('a', 'b')",
                "code IN ('a,)b', 'it''s', '\"q\"')",
                "n IN (1, 2)",
                "c IN ('x', 'y')",
                "code = ANY (ARRAY['a', 'b'])",
                "n::bigint IN (1, 2)",
                "amount IN (1.5, 2)",
                "(code IN ('a') OR note IN ('z')) AND c NOT IN ('q')",
                "code::varchar(3) IN ('a', 'b')");
        for (String condition : conditions) {
            String once = printed(url, "t", condition);
            String twice = printed(url, "t", once);
            assertThat(ReparsedText.of(once)).as(condition).isEqualTo(twice);
            assertThat(ReparsedText.of(twice)).as(condition).isEqualTo(twice);
            assertThat(printed(url, "t", ReparsedText.of(once))).as(condition).isEqualTo(twice);
        }
    }

    @Test
    void leavesOtherTextAlone() {
        assertThat(ReparsedText.of(null)).isNull();
        assertThat(ReparsedText.of("(n > 0)")).isEqualTo("(n > 0)");
        assertThat(ReparsedText.of("note = '(ARRAY[''x''])::text[]'")).isEqualTo("note = '(ARRAY[''x''])::text[]'");
        assertThat(ReparsedText.of("(ARRAY[ARRAY[1]])::bigint[][]")).isEqualTo("(ARRAY[ARRAY[1]])::bigint[][]");
    }
}
