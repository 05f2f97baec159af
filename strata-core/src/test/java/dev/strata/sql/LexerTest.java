package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static final LexerOptions SQLITE = SqliteSyntax.INSTANCE.lexerOptions();
    private static final LexerOptions POSTGRES = PostgresSyntax.INSTANCE.lexerOptions();

    private static List<Token> lex(String text, LexerOptions options) {
        return Lexer.lex("t.sql", text, options);
    }

    /** Kinds and texts of the tokens that are not white space, as "KIND:text". */
    private static List<String> shape(String text, LexerOptions options) {
        return lex(text, options).stream()
                .filter(t -> !t.is(TokenKind.WHITESPACE))
                .map(t -> t.kind() + ":" + t.text(text))
                .collect(Collectors.toList());
    }

    @Test
    void tokensCoverTheInputWithoutGapsOrOverlaps() {
        String text = "SELECT 'a;b', \"c\" -- x\n/* y */ 1.5e3;\r\n$$ z $$ foo$bar $1 E'\\'' ";
        List<Token> tokens = lex(text, POSTGRES);
        StringBuilder rebuilt = new StringBuilder();
        int expectedStart = 0;
        for (Token token : tokens) {
            assertThat(token.start()).isEqualTo(expectedStart);
            assertThat(token.end()).isGreaterThan(token.start());
            rebuilt.append(token.text(text));
            expectedStart = token.end();
        }
        assertThat(rebuilt.toString()).isEqualTo(text);
    }

    @Test
    void recognisesEachKind() {
        assertThat(shape("select x1, 42 ; -- c\n/* b */ 'it''s' \"q\"\"id\" +", SQLITE))
                .containsExactly(
                        "WORD:select",
                        "WORD:x1",
                        "OTHER:,",
                        "NUMBER:42",
                        "SEMICOLON:;",
                        "LINE_COMMENT:-- c",
                        "BLOCK_COMMENT:/* b */",
                        "STRING:'it''s'",
                        "QUOTED_IDENTIFIER:\"q\"\"id\"",
                        "OTHER:+");
    }

    @Test
    void sqliteQuotesIdentifiersWithBackticksAndBrackets() {
        assertThat(shape("`a;b` [c;d] X'00'", SQLITE))
                .containsExactly("QUOTED_IDENTIFIER:`a;b`", "QUOTED_IDENTIFIER:[c;d]", "STRING:X'00'");
    }

    @Test
    void postgresDoesNotTreatBackticksOrBracketsAsQuotes() {
        assertThat(shape("a[1]", POSTGRES)).containsExactly("WORD:a", "OTHER:[", "NUMBER:1", "OTHER:]");
    }

    @Test
    void postgresPrefixedStrings() {
        assertThat(shape("E'a\\'b' e'\\\\' U&'d\\0061' u&\"x\" B'101' X'ff' N'n'", POSTGRES))
                .containsExactly(
                        "STRING:E'a\\'b'",
                        "STRING:e'\\\\'",
                        "STRING:U&'d\\0061'",
                        "QUOTED_IDENTIFIER:u&\"x\"",
                        "STRING:B'101'",
                        "STRING:X'ff'",
                        "STRING:N'n'");
    }

    @Test
    void backslashIsLiteralInStandardStrings() {
        // 'a\' is a complete string; the following ' opens another one.
        assertThat(shape("'a\\' 'b'", POSTGRES)).containsExactly("STRING:'a\\'", "STRING:'b'");
    }

    @Test
    void dollarQuotesAndTheirLookalikes() {
        assertThat(shape("$$a$$ $t_1$b$t_1$ $1 foo$bar$ $ x", POSTGRES))
                .containsExactly(
                        "DOLLAR_STRING:$$a$$",
                        "DOLLAR_STRING:$t_1$b$t_1$",
                        "OTHER:$1",
                        "WORD:foo$bar$",
                        "OTHER:$",
                        "WORD:x");
    }

    @Test
    void dollarQuoteClosesOnlyOnItsOwnTag() {
        String text = "$outer$ a $inner$ b; $inner$ c $outer$";
        assertThat(shape(text, POSTGRES)).containsExactly("DOLLAR_STRING:" + text);
    }

    @Test
    void blockCommentsNestInPostgresOnly() {
        assertThat(shape("/* a /* b */ c */", POSTGRES)).containsExactly("BLOCK_COMMENT:/* a /* b */ c */");
        assertThat(shape("/* a /* b */ c", SQLITE)).containsExactly("BLOCK_COMMENT:/* a /* b */", "WORD:c");
    }

    @Test
    void positionsAreOneBasedAndCountCrLfOnce() {
        String text = "a\r\n  b\rc\n\n   d";
        List<Token> words =
                lex(text, SQLITE).stream().filter(t -> t.is(TokenKind.WORD)).toList();
        assertThat(words).extracting(Token::line).containsExactly(1, 2, 3, 5);
        assertThat(words).extracting(Token::column).containsExactly(1, 3, 1, 4);
    }

    @Test
    void tokenAfterMultiLineTokenHasRightPosition() {
        String text = "'x\r\ny\r\nz' w";
        Token w = lex(text, SQLITE).get(2);
        assertThat(w.text(text)).isEqualTo("w");
        assertThat(w.line()).isEqualTo(3);
        assertThat(w.column()).isEqualTo(4);
    }

    @Test
    void lineMapAnswersForEveryOffset() {
        LineMap map = new LineMap("ab\r\ncd\n");
        assertThat(map.line(0)).isEqualTo(1);
        assertThat(map.line(3)).isEqualTo(1);
        assertThat(map.line(4)).isEqualTo(2);
        assertThat(map.column(5)).isEqualTo(2);
        assertThat(map.line(7)).isEqualTo(3);
        assertThat(map.column(7)).isEqualTo(1);
    }

    @Test
    void backslashMidLineIsJustACharacterInPostgres() {
        assertThat(shape("select 1 \\x", POSTGRES)).contains("OTHER:\\");
    }

    @Test
    void backslashOpeningALineIsRefusedInPostgres() {
        assertThatThrownBy(() -> lex("select 1;\n  \\set x 1\n", POSTGRES))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageStartingWith("t.sql:2:3: psql meta-command \\set is not SQL");
    }
}
