package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Where the engine's own tokenizer reads a file differently from a person, the splitter either
 * reads it as the engine does or refuses it with the place. The differential tests
 * ({@code SqliteTokenizerDifferentialTest}, {@code PostgresParserDifferentialTest}) check the same
 * against the real engines; these pin each rule by name.
 */
class EngineReadingTest {

    private static SqlScript sqlite(String text) {
        return SqliteSplitter.INSTANCE.split("m.sql", text);
    }

    private static SqlScript postgres(String text) {
        return PostgresSplitter.INSTANCE.split("m.sql", text);
    }

    @Test
    void aLoneCarriageReturnInsideASqliteLineCommentIsRefusedWithItsPlace() {
        // SQLite ends a -- comment only at LF: it would run "DELETE FROM acct" and drop the WHERE.
        assertThatThrownBy(() -> sqlite("DELETE FROM acct -- note\rWHERE id = 42;"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:1:25: a carriage return (CR) without a line feed")
                .hasMessageContaining("SQLite ends a -- comment only at a line feed");
    }

    @Test
    void crOnlyFilesWithoutLineCommentsStillSplitOnSqlite() {
        assertThat(sqlite("CREATE TABLE a (x);\rINSERT INTO a VALUES (1);\r/* c\r */ SELECT 1;\r")
                        .statements())
                .extracting(Statement::sql, Statement::line)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CREATE TABLE a (x)", 1),
                        org.assertj.core.groups.Tuple.tuple("INSERT INTO a VALUES (1)", 2),
                        org.assertj.core.groups.Tuple.tuple("SELECT 1", 4));
    }

    @Test
    void crlfEndsALineCommentOnBothEngines() {
        assertThat(sqlite("DELETE FROM acct -- note\r\nWHERE id = 42;")
                        .statements()
                        .get(0)
                        .sql())
                .isEqualTo("DELETE FROM acct -- note\r\nWHERE id = 42");
        assertThat(postgres("DELETE FROM acct -- note\r\nWHERE id = 42;")
                        .statements()
                        .get(0)
                        .sql())
                .isEqualTo("DELETE FROM acct -- note\r\nWHERE id = 42");
    }

    @Test
    void postgresEndsALineCommentAtALoneCarriageReturnAsAReaderDoes() {
        assertThat(postgres("DELETE FROM acct -- note\rWHERE id = 42;")
                        .statements()
                        .get(0)
                        .sql())
                .isEqualTo("DELETE FROM acct -- note\rWHERE id = 42");
    }

    @Test
    void aNulCharacterIsRefusedOnBothEnginesWithItsPlace() {
        String text = "UPDATE acct SET bal = 0\u0000 WHERE id = 42;";
        assertThatThrownBy(() -> sqlite(text))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:1:24: a NUL character")
                .hasMessageContaining("SQLite stops reading the statement there");
        assertThatThrownBy(() -> postgres(text))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:1:24: a NUL character")
                .hasMessageContaining("PostgreSQL cannot receive it");
        assertThatThrownBy(() -> sqlite("SELECT 1; -- a\n/* \u0000 */"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:2:4: a NUL character");
    }

    @Test
    void lineBreakLookalikesInsideALineCommentAreRefused() {
        for (String lookalike : new String[] {"\u2028", "\u2029", "\u0085", "\u000B", "\f"}) {
            assertThatThrownBy(() -> sqlite("DELETE FROM t -- x" + lookalike + "WHERE id = 1;"))
                    .isInstanceOf(SqlSyntaxException.class)
                    .hasMessageStartingWith("m.sql:1:19: a ")
                    .hasMessageContaining("inside this -- comment looks like a line end");
            assertThatThrownBy(() -> postgres("DELETE FROM t -- x" + lookalike + "WHERE id = 1;"))
                    .isInstanceOf(SqlSyntaxException.class)
                    .hasMessageContaining("PostgreSQL reads on");
        }
        // Outside a line comment they change nothing a reader could misjudge.
        assertThat(sqlite("SELECT '\u2028';").statements()).hasSize(1);
    }

    @Test
    void bidirectionalControlsAreRefusedAnywhere() {
        assertThatThrownBy(() -> postgres("SELECT 1 /* \u202E */;"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:1:13: an invisible bidirectional control character (U+202E)");
        assertThatThrownBy(() -> sqlite("SELECT 'a\u2067b';"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("(U+2067)");
    }

    @Test
    void postgresNestsBlockCommentsAndSqliteDoesNot() {
        String text = "SELECT 1 /* a /* b */ ; SELECT 2 */ ; SELECT 3;";
        assertThat(postgres(text).statements())
                .extracting(Statement::sql)
                .containsExactly("SELECT 1 /* a /* b */ ; SELECT 2 */", "SELECT 3");
        assertThat(sqlite(text).statements())
                .extracting(Statement::sql)
                .containsExactly("SELECT 1 /* a /* b */", "SELECT 2 */", "SELECT 3");
    }

    @Test
    void aStringJoinedToAnEscapeStringWithABackslashIsRefused() {
        // PostgreSQL joins the second string to the E'' one and reads \' as a quote: the ; would be inside.
        String text = "SELECT E'a'\n'\\'; DELETE FROM t; --';";
        assertThatThrownBy(() -> postgres(text))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:2:2: this string continues the E'...' string before it");
        assertThatThrownBy(() -> postgres("SELECT E'a' -- why\n  -- more\n 'b' \n'\\';"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("m.sql:4:2: this string continues");
        // Without a line break, or after a block comment, PostgreSQL joins nothing.
        assertThat(postgres("SELECT E'a', '\\';").statements()).hasSize(1);
        assertThat(postgres("SELECT E'a'\n/* c */ '\\';").statements()).hasSize(1);
        // A joined part without a backslash reads the same either way.
        assertThat(postgres("SELECT E'a\\n'\n'b';").statements()).hasSize(1);
    }

    @Test
    void sqliteReadsATclStyleParameterAsOneTokenSemicolonsIncluded() {
        assertThat(sqlite("SELECT $a(x;y) AS v; SELECT 2;").statements())
                .extracting(Statement::sql)
                .containsExactly("SELECT $a(x;y) AS v", "SELECT 2");
        assertThat(sqlite("SELECT :a::b(--x) AS v; SELECT 2;").statements())
                .extracting(Statement::sql)
                .containsExactly("SELECT :a::b(--x) AS v", "SELECT 2");
        // A blank ends it: the rest is read as usual.
        assertThat(sqlite("SELECT $a(x ;y);").statements())
                .extracting(Statement::sql)
                .containsExactly("SELECT $a(x", "y)");
    }
}
