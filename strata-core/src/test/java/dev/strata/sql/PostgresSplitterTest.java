package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresSplitterTest {

    private static SqlScript split(String text) {
        return PostgresSplitter.INSTANCE.split("V2__pg.sql", text);
    }

    private static List<String> sqls(String text) {
        return split(text).statements().stream().map(Statement::sql).toList();
    }

    private static void assertFailsAt(String text, int line, int column, String problemStart) {
        assertThatThrownBy(() -> split(text))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("V2__pg.sql:" + line + ":" + column + ": " + problemStart)
                .satisfies(e -> {
                    assertThat(((SqlSyntaxException) e).line()).isEqualTo(line);
                    assertThat(((SqlSyntaxException) e).column()).isEqualTo(column);
                });
    }

    @Test
    void splitsAtSemicolonsAndKeepsAnUnterminatedLastStatement() {
        assertThat(sqls("CREATE TABLE a (x int);\nSELECT 1")).containsExactly("CREATE TABLE a (x int)", "SELECT 1");
        assertThat(new PostgresSplitter().split("s", "SELECT 1;").statements()).hasSize(1);
    }

    @Test
    void standardStringsTreatBackslashLiterally() {
        assertThat(sqls("SELECT 'a\\'; SELECT 'b;''c';")).containsExactly("SELECT 'a\\'", "SELECT 'b;''c'");
    }

    @Test
    void escapeStringsHonourBackslashEscapes() {
        assertThat(sqls("SELECT E'it\\'s; fine', e'\\\\'; SELECT 2;"))
                .containsExactly("SELECT E'it\\'s; fine', e'\\\\'", "SELECT 2");
        assertThat(sqls("SELECT E'a''b;c';")).containsExactly("SELECT E'a''b;c'");
    }

    @Test
    void otherPrefixedStringsHideSemicolons() {
        assertThat(sqls("SELECT U&'d;\\0061', B'1;', X'f;', N'n;'; SELECT 2"))
                .containsExactly("SELECT U&'d;\\0061', B'1;', X'f;', N'n;'", "SELECT 2");
    }

    @Test
    void wordEndingInEIsNotAnEscapeStringPrefix() {
        // "code" ends in e, yet 'x\' is a standard string followed by a new one.
        assertThat(sqls("SELECT code'x\\'; SELECT 2")).containsExactly("SELECT code'x\\'", "SELECT 2");
    }

    @Test
    void quotedIdentifiersHideSemicolons() {
        assertThat(sqls("SELECT \"a;b\", \"c\"\";\" FROM t;")).containsExactly("SELECT \"a;b\", \"c\"\";\" FROM t");
    }

    @Test
    void dollarQuotesHideSemicolons() {
        String fn = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$";
        String tagged =
                "CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $body$\nBEGIN\n  PERFORM 1;\nEND;\n$body$";
        assertThat(sqls(fn + ";\n" + tagged + ";\nSELECT 3;")).containsExactly(fn, tagged, "SELECT 3");
    }

    @Test
    void nestedDollarQuotesCloseOnlyOnTheirOwnTag() {
        String outer = "CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $outer$\n"
                + "BEGIN\n  EXECUTE $inner$ SELECT 1; $inner$;\n  EXECUTE $$ SELECT 2; $$;\nEND;\n$outer$";
        assertThat(sqls(outer + "; SELECT 4")).containsExactly(outer, "SELECT 4");
    }

    @Test
    void doBlockIsOneStatement() {
        String block = "DO $$\nBEGIN\n  RAISE NOTICE 'x;';\n  COMMIT;\nEND\n$$";
        SqlScript script = split(block + ";\nSELECT 1;");
        assertThat(script.statements()).extracting(Statement::sql).containsExactly(block, "SELECT 1");
        assertThat(script.statements().get(0).kind()).isEqualTo(StatementKind.ORDINARY);
    }

    @Test
    void parametersAndDollarsInsideIdentifiersAreNotQuotes() {
        assertThat(sqls("PREPARE p AS SELECT $1, $2; SELECT foo$bar, x$ FROM t$1; SELECT 3"))
                .containsExactly("PREPARE p AS SELECT $1, $2", "SELECT foo$bar, x$ FROM t$1", "SELECT 3");
    }

    @Test
    void loneDollarIsNotAQuote() {
        assertThat(sqls("SELECT $ ; SELECT 2")).containsExactly("SELECT $", "SELECT 2");
    }

    @Test
    void nestedBlockCommentsHideSemicolons() {
        assertThat(sqls("SELECT /* a /* b; */ c; */ 1; SELECT 2"))
                .containsExactly("SELECT /* a /* b; */ c; */ 1", "SELECT 2");
    }

    @Test
    void lineCommentsHideSemicolons() {
        assertThat(sqls("SELECT 1 -- x; y\r\n+ 1;")).containsExactly("SELECT 1 -- x; y\r\n+ 1");
    }

    @Test
    void beginAtomicBodyIsOneStatement() {
        String fn = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  INSERT INTO log VALUES (a);\n  SELECT a + 1;\nEND";
        String proc = "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC DELETE FROM t; END";
        assertThat(sqls(fn + ";\n" + proc + ";\nSELECT 3")).containsExactly(fn, proc, "SELECT 3");
    }

    @Test
    void caseInsideBeginAtomicNests() {
        String fn = "CREATE FUNCTION sign(x int) RETURNS text LANGUAGE sql BEGIN ATOMIC\n"
                + "  SELECT CASE WHEN x > 0 THEN 'pos' ELSE CASE WHEN x < 0 THEN 'neg' END END;\n"
                + "  SELECT 'done';\nEND";
        assertThat(sqls(fn + "; SELECT 9;")).containsExactly(fn, "SELECT 9");
    }

    @Test
    void beginThatIsNotFollowedByAtomicDoesNotOpenABody() {
        String fn = "CREATE FUNCTION f(begin int) RETURNS int LANGUAGE sql RETURN begin + 1";
        assertThat(sqls(fn + "; SELECT 2;")).containsExactly(fn, "SELECT 2");
    }

    @Test
    void endInsideCaseOfOrdinaryStatementDoesNotConfuseSplitting() {
        assertThat(sqls("SELECT CASE WHEN true THEN 1 END; END;"))
                .containsExactly("SELECT CASE WHEN true THEN 1 END", "END");
    }

    @Test
    void columnNamedBeginIsOrdinary() {
        SqlScript script = split("SELECT begin FROM t; SELECT \"begin\" FROM t;");
        assertThat(script.statements())
                .extracting(Statement::kind)
                .containsExactly(StatementKind.ORDINARY, StatementKind.ORDINARY);
    }

    @Test
    void statementPositionsWithCrLf() {
        SqlScript script = split("-- head\r\nSELECT 1;\r\n\r\n    SELECT $$\r\n;\r\n$$;\r\n\tSELECT 3");
        assertThat(script.statements()).extracting(Statement::line).containsExactly(2, 4, 7);
        assertThat(script.statements()).extracting(Statement::column).containsExactly(1, 5, 2);
    }

    @Test
    void psqlMetaCommandsAreRefusedAtTheirLine() {
        assertFailsAt(
                "SELECT 1;\n\\i other.sql\n",
                2,
                1,
                "psql meta-command \\i is not SQL: strata runs plain SQL statements over JDBC;"
                        + " move it to a script run by psql");
        assertFailsAt(
                "CREATE TABLE t (x int);\n\n\\copy t FROM 'data.csv' CSV\n",
                3,
                1,
                "psql meta-command \\copy is not SQL");
        assertFailsAt("  \\set ON_ERROR_STOP on\nSELECT 1;", 1, 3, "psql meta-command \\set is not SQL");
        assertFailsAt("SELECT 1;\r\n\\c otherdb\r\n", 2, 1, "psql meta-command \\c is not SQL");
        assertFailsAt("\\!", 1, 1, "psql meta-command \\! is not SQL");
    }

    @Test
    void backslashLinesInsideQuotesAndCommentsAreNotMetaCommands() {
        assertThat(sqls("SELECT '\n\\i x';")).containsExactly("SELECT '\n\\i x'");
        assertThat(sqls("SELECT $$\n\\copy$$;")).containsExactly("SELECT $$\n\\copy$$");
        assertThat(sqls("/*\n\\set x\n*/ SELECT 1;")).containsExactly("SELECT 1");
        assertThat(sqls("SELECT E'\n\\\\';")).containsExactly("SELECT E'\n\\\\'");
    }

    @Test
    void unterminatedDollarQuoteNamesItsTagAndBeginning() {
        assertFailsAt(
                "SELECT 1;\nCREATE FUNCTION f() AS $body$\nBEGIN\n$bod$;",
                2,
                24,
                "unterminated dollar quote $body$ that begins here; add the closing $body$");
        assertFailsAt("DO $$ BEGIN", 1, 4, "unterminated dollar quote $$ that begins here; add the closing $$");
    }

    @Test
    void unterminatedNestedCommentNamesTheOutermostBeginning() {
        assertFailsAt("SELECT 1;\n  /* a /* b */ c\n", 2, 3, "unterminated block comment that begins here");
        assertThatThrownBy(() -> split("/* a /* b */")).hasMessageContaining("nest");
    }

    @Test
    void unterminatedStringsAndIdentifiersNameTheirBeginning() {
        assertFailsAt("SELECT\n 'abc", 2, 2, "unterminated string literal that begins here; add the closing '");
        assertFailsAt("SELECT 1;\nSELECT E'it\\'s", 2, 8, "unterminated escape string that begins here");
        assertFailsAt("SELECT \"abc", 1, 8, "unterminated quoted identifier that begins here; add the closing \"");
        assertFailsAt("SELECT U&\"abc", 1, 8, "unterminated quoted identifier");
    }

    @Test
    void unterminatedAtomicBodyNamesItsBegin() {
        assertFailsAt(
                "CREATE FUNCTION f() RETURNS int LANGUAGE sql\n  BEGIN ATOMIC\n  SELECT 1;\n",
                2,
                3,
                "unterminated BEGIN ATOMIC body: the BEGIN here has no matching END");
    }

    @Test
    void spansRebuildTheInput() {
        String text = "/* x */ SELECT 1;\n$$a;$$ ;\nDO $t$ ; $t$";
        ScriptSplitter.Result result = new ScriptSplitter(PostgresSyntax.INSTANCE).splitWithSpans("s", text);
        assertThat(result.pieces())
                .extracting(p -> text.substring(p.start(), p.end()))
                .containsExactly("SELECT 1", "$$a;$$", "DO $t$ ; $t$");
    }
}
