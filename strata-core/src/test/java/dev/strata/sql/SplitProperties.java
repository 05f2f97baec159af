package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every split must satisfy, stated on the public {@link SqlScript} / {@link Statement} API.
 *
 * <p>Let the input be {@code text} and the statements s1..sn. Locate each statement by its
 * {@code line} and {@code column} (lines end at LF, CRLF or a lone CR, as {@link Statement} says), and
 * call the text before s1, between two statements and after sn the gaps g0..gn. Then:
 * <ol>
 *   <li>each statement's {@code sql} is exactly the text found at its position, and neither starts
 *       nor ends with white space as the dialect's lexer knows it;</li>
 *   <li>statements come in file order and don't overlap;</li>
 *   <li>every gap lexes, in the dialect's own lexer, into white space, comments and semicolons only,
 *       and every gap between two statements holds at least one semicolon.</li>
 * </ol>
 * Together: {@code text == g0 + s1.sql + g1 + ... + sn.sql + gn}, and the gaps hold nothing that
 * runs. A split loses no SQL and invents none. The only failure allowed is {@link SqlSyntaxException},
 * pointing inside the input.
 */
final class SplitProperties {

    private static final Set<TokenKind> GAP_TOKENS =
            Set.of(TokenKind.WHITESPACE, TokenKind.LINE_COMMENT, TokenKind.BLOCK_COMMENT, TokenKind.SEMICOLON);

    private SplitProperties() {}

    /** Splits {@code text} and checks the properties; returns the script, or null when refused. */
    static SqlScript check(SqlSplitter splitter, LexerOptions lexer, String text) {
        SqlScript script;
        try {
            script = splitter.split("fuzz.sql", text);
        } catch (SqlSyntaxException refused) {
            LineMap lines = new LineMap(text);
            assertThat(refused.line()).isBetween(1, lines.line(text.length()));
            assertThat(refused.column()).isPositive();
            assertThat(refused.source()).isEqualTo("fuzz.sql");
            return null;
        }
        List<Integer> lineStarts = lineStarts(text);
        int previousEnd = 0;
        List<String> gaps = new ArrayList<>();
        for (Statement statement : script.statements()) {
            // Trimmed of SQL's white space, which is narrower than Java's (U+001D is text to SQLite).
            List<Token> own = Lexer.lex("statement", statement.sql(), lexer);
            assertThat(own).as("a statement is not empty").isNotEmpty();
            assertThat(own.get(0).kind()).as("no leading white space").isNotEqualTo(TokenKind.WHITESPACE);
            assertThat(own.get(own.size() - 1).kind()).as("no trailing white space").isNotEqualTo(TokenKind.WHITESPACE);
            assertThat(statement.kind()).isNotNull();
            assertThat(statement.line()).isBetween(1, lineStarts.size());
            int start = lineStarts.get(statement.line() - 1) + statement.column() - 1;
            assertThat(start).as("statement in file order").isGreaterThanOrEqualTo(previousEnd);
            int end = start + statement.sql().length();
            assertThat(end).isLessThanOrEqualTo(text.length());
            assertThat(text.substring(start, end)).as("the statement's text at its line and column")
                    .isEqualTo(statement.sql());
            gaps.add(text.substring(previousEnd, start));
            previousEnd = end;
        }
        gaps.add(text.substring(previousEnd));
        for (int i = 0; i < gaps.size(); i++) {
            List<Token> tokens = Lexer.lex("gap", gaps.get(i), lexer);
            String gap = gaps.get(i);
            assertThat(tokens).as("only white space, comments and semicolons between statements: '%s'", gap)
                    .allSatisfy(token -> assertThat(GAP_TOKENS).contains(token.kind()));
            boolean inner = i > 0 && i < gaps.size() - 1;
            if (inner) {
                assertThat(tokens).as("a semicolon between two statements: '%s'", gap)
                        .anySatisfy(token -> assertThat(token.kind()).isEqualTo(TokenKind.SEMICOLON));
            }
        }
        StringBuilder rebuilt = new StringBuilder(gaps.get(0));
        for (int i = 0; i < script.statements().size(); i++) {
            rebuilt.append(script.statements().get(i).sql()).append(gaps.get(i + 1));
        }
        assertThat(rebuilt.toString()).isEqualTo(text);
        return script;
    }

    /** Offsets where lines begin: after LF, after CRLF, after a lone CR. */
    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts;
    }
}
