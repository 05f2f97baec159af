package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SqliteSplitterTest {

    private static SqlScript split(String text) {
        return new SqliteSplitter().split("V1__init.sql", text);
    }

    private static List<String> sqls(String text) {
        return split(text).statements().stream().map(Statement::sql).toList();
    }

    private static void assertFailsAt(String text, int line, int column, String problemStart) {
        ThrowingCallable call = () -> split(text);
        assertThatThrownBy(call)
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("V1__init.sql:" + line + ":" + column + ": " + problemStart)
                .satisfies(e -> {
                    SqlSyntaxException error = (SqlSyntaxException) e;
                    assertThat(error.line()).isEqualTo(line);
                    assertThat(error.column()).isEqualTo(column);
                    assertThat(error.source()).isEqualTo("V1__init.sql");
                });
    }

    @Test
    void splitsAtSemicolons() {
        assertThat(sqls("CREATE TABLE a(x);\nINSERT INTO a VALUES (1);\n"))
                .containsExactly("CREATE TABLE a(x)", "INSERT INTO a VALUES (1)");
    }

    @Test
    void staticInstanceBehavesLikeANewOne() {
        assertThat(SqliteSplitter.INSTANCE.split("s", "SELECT 1; SELECT 2").statements())
                .hasSize(2);
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        assertThat(sqls("SELECT 1;\nSELECT 2\n")).containsExactly("SELECT 1", "SELECT 2");
        assertThat(sqls("SELECT 2")).containsExactly("SELECT 2");
    }

    @Test
    void emptyAndCommentOnlyInputsHoldNoStatement() {
        assertThat(sqls("")).isEmpty();
        assertThat(sqls("  \n\t\r\n")).isEmpty();
        assertThat(sqls("-- only a comment\n/* and; another */\n")).isEmpty();
        assertThat(sqls(";;\n ; -- x;\n;")).isEmpty();
    }

    @Test
    void commentOnlyStretchesBetweenStatementsAreNotStatements() {
        assertThat(sqls("SELECT 1;\n-- note; here\n;\n/* ; */;\nSELECT 2;")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void semicolonsInsideEveryQuotingFormDoNotSplit() {
        assertThat(sqls("SELECT 'a;b', 'it''s;';")).containsExactly("SELECT 'a;b', 'it''s;'");
        assertThat(sqls("SELECT \"c;d\", \"x\"\";\";")).containsExactly("SELECT \"c;d\", \"x\"\";\"");
        assertThat(sqls("SELECT `e;f`, `g``;`;")).containsExactly("SELECT `e;f`, `g``;`");
        assertThat(sqls("SELECT [h;i];")).containsExactly("SELECT [h;i]");
        assertThat(sqls("SELECT X'3b';")).containsExactly("SELECT X'3b'");
    }

    @Test
    void semicolonsInsideCommentsDoNotSplit() {
        assertThat(sqls("SELECT 1 -- one; two\n, 2;")).containsExactly("SELECT 1 -- one; two\n, 2");
        assertThat(sqls("SELECT /* a; b */ 3;")).containsExactly("SELECT /* a; b */ 3");
    }

    @Test
    void blockCommentsDoNotNest() {
        // The first */ closes the comment, so the semicolon after "1" ends the statement.
        assertThat(sqls("SELECT /* a /* b */ 1; SELECT 2;")).containsExactly("SELECT /* a /* b */ 1", "SELECT 2");
    }

    @Test
    void backslashIsAnOrdinaryCharacter() {
        assertThat(sqls("SELECT 'a\\';\n\\x")).containsExactly("SELECT 'a\\'", "\\x");
    }

    @Test
    void leadingCommentsAreLeftOutAndInnerOnesKept() {
        SqlScript script = split("-- header\n/* about */ SELECT 1 /* inner */\n  -- before semicolon\n; -- after\n");
        assertThat(script.statements()).singleElement().satisfies(s -> {
            assertThat(s.sql()).isEqualTo("SELECT 1 /* inner */\n  -- before semicolon");
            assertThat(s.line()).isEqualTo(2);
            assertThat(s.column()).isEqualTo(13);
            assertThat(s.firstLine()).isEqualTo("SELECT 1 /* inner */");
        });
    }

    @Test
    void trailingCommentsAfterAnUnterminatedLastStatementAreLeftOut() {
        assertThat(sqls("SELECT 1\n-- the end\n")).containsExactly("SELECT 1");
    }

    @Test
    void reportsLineAndColumnOfEachStatement() {
        SqlScript script = split("SELECT 1;  SELECT 2;\n\n   SELECT\n 3;");
        assertThat(script.statements()).extracting(Statement::line).containsExactly(1, 1, 3);
        assertThat(script.statements()).extracting(Statement::column).containsExactly(1, 12, 4);
    }

    @Test
    void crLfCountsAsOneLineBreak() {
        SqlScript script = split("SELECT 1;\r\n\r\n  SELECT 'a\r\nb';\r\nSELECT 3;\r\n");
        assertThat(script.statements()).extracting(Statement::line).containsExactly(1, 3, 5);
        assertThat(script.statements()).extracting(Statement::column).containsExactly(1, 3, 1);
        assertThat(script.statements().get(1).sql()).isEqualTo("SELECT 'a\r\nb'");
    }

    @Test
    void triggerBodyIsOneStatement() {
        String trigger = "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
                + "  INSERT INTO log VALUES (new.x);\n"
                + "  UPDATE b SET n = n + 1;\n"
                + "END";
        assertThat(sqls(trigger + ";\nSELECT 1;")).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void temporaryTriggersAndIfNotExistsAreRecognised() {
        String temp = "CREATE TEMP TRIGGER t AFTER DELETE ON a BEGIN DELETE FROM b; END";
        String temporary = "create temporary trigger if not exists u before update on a begin select 1; end";
        assertThat(sqls(temp + ";" + temporary + ";")).containsExactly(temp, temporary);
    }

    @Test
    void caseInsideTriggerBodyNests() {
        String trigger = "CREATE TRIGGER t AFTER UPDATE ON a BEGIN\n"
                + "  UPDATE b SET y = CASE WHEN new.x > 0 THEN 'pos;' ELSE CASE new.x WHEN 0 THEN 'z' END END;\n"
                + "  INSERT INTO log VALUES (CASE WHEN 1 THEN 2 END);\n"
                + "END";
        assertThat(sqls(trigger + "; SELECT 2")).containsExactly(trigger, "SELECT 2");
    }

    /** END is also a column name: where the grammar expects an expression, it is one, and closes nothing. */
    @Test
    void aColumnNamedEndInsideATriggerBodyClosesNothing() {
        String trigger = "CREATE TRIGGER t AFTER UPDATE ON spans BEGIN\n"
                + "  UPDATE spans SET end = new.end + 1, note = 'x' WHERE end IS NULL;\n"
                + "  INSERT INTO log (start, end) SELECT begin, end FROM spans WHERE (end) > 0;\n"
                + "  UPDATE spans SET x = CASE WHEN end THEN end ELSE end END;\n"
                + "END";
        assertThat(split(trigger + ";\nSELECT 1;").statements())
                .extracting(Statement::sql, Statement::kind)
                .containsExactly(tuple(trigger, StatementKind.ORDINARY), tuple("SELECT 1", StatementKind.ORDINARY));
    }

    @Test
    void caseInTriggerWhenClauseDoesNotOpenTheBody() {
        String trigger = "CREATE TRIGGER t BEFORE INSERT ON a WHEN CASE WHEN new.x THEN 1 END BEGIN SELECT 1; END";
        assertThat(sqls(trigger + "; SELECT 2")).containsExactly(trigger, "SELECT 2");
    }

    @Test
    void endInsideCaseOfOrdinaryStatementDoesNotConfuseSplitting() {
        assertThat(sqls("SELECT CASE WHEN 1 THEN 'a' END AS e; SELECT 2;"))
                .containsExactly("SELECT CASE WHEN 1 THEN 'a' END AS e", "SELECT 2");
    }

    @Test
    void columnNamedBeginDoesNotOpenABody() {
        assertThat(sqls("SELECT begin, \"end\" FROM spans; SELECT 2;"))
                .containsExactly("SELECT begin, \"end\" FROM spans", "SELECT 2");
    }

    @Test
    void transactionBlocksSplitNormally() {
        assertThat(split("BEGIN; CREATE TABLE a(x); COMMIT;").statements())
                .extracting(Statement::kind)
                .containsExactly(
                        StatementKind.TRANSACTION_BEGIN, StatementKind.ORDINARY, StatementKind.TRANSACTION_COMMIT);
    }

    @Test
    void dotCommandsAreNotRefused() {
        assertThat(sqls(".tables\nSELECT 1;")).containsExactly(".tables\nSELECT 1");
    }

    @Test
    void unterminatedStringNamesWhereItBegins() {
        assertFailsAt(
                "SELECT 1;\nSELECT 'abc;\n\nSELECT 2;",
                2,
                8,
                "unterminated string literal that begins here; add the closing '");
    }

    @Test
    void unterminatedIdentifiersNameWhereTheyBegin() {
        assertFailsAt("SELECT\n  \"abc;", 2, 3, "unterminated quoted identifier that begins here; add the closing \"");
        assertFailsAt("\n\nSELECT `abc;", 3, 8, "unterminated quoted identifier that begins here; add the closing `");
        assertFailsAt("SELECT [abc;", 1, 8, "unterminated quoted identifier that begins here; add the closing ]");
    }

    @Test
    void unterminatedBlockCommentNamesWhereItBegins() {
        assertFailsAt(
                "SELECT 1;\r\n/* open\r\n", 2, 1, "unterminated block comment that begins here; add the closing */");
    }

    @Test
    void unterminatedTriggerBodyNamesItsBegin() {
        assertFailsAt(
                "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT 1;\n",
                2,
                1,
                "unterminated trigger body: the BEGIN here has no matching END");
        assertFailsAt(
                "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT CASE WHEN 1 THEN 2 END; ",
                1,
                36,
                "unterminated trigger body");
    }

    @Test
    void lineCommentAtEndOfFileIsFine() {
        assertThat(sqls("SELECT 1; -- bye")).containsExactly("SELECT 1");
    }

    @Test
    void spansLocateEachStatementInTheInput() {
        String text = "-- c\nSELECT 1 ;\n\n  INSERT INTO t VALUES ('x;y')  ;SELECT 3  ";
        ScriptSplitter.Result result = new ScriptSplitter(SqliteSyntax.INSTANCE).splitWithSpans("s", text);
        assertThat(result.pieces())
                .hasSize(3)
                .allSatisfy(piece -> assertThat(text.substring(piece.start(), piece.end()))
                        .isEqualTo(piece.statement().sql()));
    }
}
