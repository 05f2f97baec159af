package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random inputs glued from fragments that are most likely to trip a splitter: half-open quotes,
 * stray dollars, comment openers, BEGIN/CASE/END keywords, line breaks of every style. Whatever
 * comes in, {@code split} must either answer or throw {@link SqlSyntaxException}.
 */
class SplitterFuzzTest {

    private static final List<String> FRAGMENTS = List.of(
            "SELECT",
            " ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            ";",
            "'",
            "''",
            "\"",
            "`",
            "[",
            "]",
            "$",
            "$$",
            "$a$",
            "$1",
            "$_x$",
            "a$",
            "E'",
            "e'\\'",
            "\\",
            "\\\\",
            "U&'",
            "X'",
            "--",
            "-- strata:x y",
            "-- strata:",
            "/*",
            "*/",
            "/* /*",
            "*/ */",
            "BEGIN",
            "begin atomic",
            "ATOMIC",
            "END",
            "CASE",
            "WHEN",
            "THEN",
            "CREATE TRIGGER t AFTER INSERT ON a",
            "CREATE TEMP TRIGGER",
            "CREATE OR REPLACE FUNCTION f()",
            "CREATE PROCEDURE",
            "VACUUM",
            "REINDEX",
            "(",
            ")",
            "CLUSTER",
            "ALTER",
            "DATABASE",
            "CONCURRENTLY",
            "COMMIT",
            "ROLLBACK",
            "PREPARED",
            "1.5e",
            ".",
            "é",
            "\u0000",
            "\uD83D\uDE00",
            "\uD83D",
            "x",
            "42");

    @Test
    void splitAnswersOrThrowsSyntaxErrorOnly() {
        Random random = new Random(20240517L);
        int answered = 0;
        int refused = 0;
        for (int round = 0; round < 600; round++) {
            String text = randomText(random);
            for (SqlSplitter splitter : List.of(SqliteSplitter.INSTANCE, PostgresSplitter.INSTANCE)) {
                try {
                    SqlScript script = splitter.split("fuzz.sql", text);
                    assertWellFormed(script, text);
                    answered++;
                } catch (SqlSyntaxException expected) {
                    assertThat(expected.line()).isBetween(1, text.length() + 1);
                    assertThat(expected.column()).isPositive();
                    refused++;
                } catch (RuntimeException | StackOverflowError unexpected) {
                    fail("split threw " + unexpected + " for input: " + escape(text), unexpected);
                }
            }
        }
        // Both outcomes must actually be exercised for the test to mean something.
        assertThat(answered).isGreaterThan(50);
        assertThat(refused).isGreaterThan(50);
    }

    @Test
    void spansAlwaysMatchStatementText() {
        Random random = new Random(7L);
        for (int round = 0; round < 300; round++) {
            String text = randomText(random);
            for (SqlSyntax dialect : List.of(SqliteSyntax.INSTANCE, PostgresSyntax.INSTANCE)) {
                ScriptSplitter.Result result;
                try {
                    result = new ScriptSplitter(dialect).splitWithSpans("fuzz.sql", text);
                } catch (SqlSyntaxException refused) {
                    continue;
                }
                int previousEnd = 0;
                for (ScriptSplitter.Piece piece : result.pieces()) {
                    assertThat(piece.start()).isGreaterThanOrEqualTo(previousEnd);
                    assertThat(text.substring(piece.start(), piece.end()))
                            .isEqualTo(piece.statement().sql());
                    previousEnd = piece.end();
                }
            }
        }
    }

    private static void assertWellFormed(SqlScript script, String text) {
        for (Statement statement : script.statements()) {
            assertThat(statement.sql()).isNotBlank();
            assertThat(statement.line()).isPositive();
            assertThat(statement.column()).isPositive();
            assertThat(statement.kind()).isNotNull();
            assertThat(text).contains(statement.sql());
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(25);
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(10) == 0) {
                text.append((char) random.nextInt(0x250));
            } else {
                text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
