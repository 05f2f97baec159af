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
 *   <li>each statement's {@code sql} is exactly the text found at its position;</li>
 *   <li>statements come in file order and don't overlap;</li>
 *   <li>in the dialect's own tokens of the whole file, a statement begins and ends on token
 *       boundaries and neither begins nor ends with white space (a trailing comment stays, as
 *       {@link Statement} says); every token outside the statements is white space, a comment or
 *       a semicolon, and between two statements there is at least one semicolon.</li>
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
        List<int[]> spans = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (Statement statement : script.statements()) {
            assertThat(statement.sql()).as("a statement is not empty").isNotEmpty();
            assertThat(statement.kind()).isNotNull();
            assertThat(statement.line()).isBetween(1, lineStarts.size());
            int start = lineStarts.get(statement.line() - 1) + statement.column() - 1;
            assertThat(start).as("statement in file order").isGreaterThanOrEqualTo(previousEnd);
            int end = start + statement.sql().length();
            assertThat(end).isLessThanOrEqualTo(text.length());
            assertThat(text.substring(start, end))
                    .as("the statement's text at its line and column")
                    .isEqualTo(statement.sql());
            gaps.add(text.substring(previousEnd, start));
            spans.add(new int[] {start, end});
            previousEnd = end;
        }
        gaps.add(text.substring(previousEnd));

        // The file's own tokens (lexed whole, so a '\' or a quote is read in its real context): statements
        // begin and end on token boundaries, never with white space (a trailing comment is kept, as
        // Statement says), and every token outside the statements is white space, a comment or a semicolon.
        List<Token> tokens = Lexer.lex("fuzz.sql", text, lexer);
        int span = 0;
        int semicolonsInGap = 0;
        for (Token token : tokens) {
            while (span < spans.size() && token.start() >= spans.get(span)[1]) {
                span++;
                semicolonsInGap = 0;
            }
            boolean inside = span < spans.size() && token.end() > spans.get(span)[0];
            if (!inside) {
                assertThat(GAP_TOKENS)
                        .as(
                                "only white space, comments and semicolons between statements: %s '%s'",
                                token.kind(), token.text(text))
                        .contains(token.kind());
                if (token.kind() == TokenKind.SEMICOLON) {
                    semicolonsInGap++;
                }
                continue;
            }
            int[] current = spans.get(span);
            assertThat(token.start())
                    .as("a statement starts on a token boundary")
                    .isGreaterThanOrEqualTo(current[0]);
            assertThat(token.end()).as("a statement ends on a token boundary").isLessThanOrEqualTo(current[1]);
            if (token.start() == current[0]) {
                assertThat(token.kind()).as("no leading white space").isNotEqualTo(TokenKind.WHITESPACE);
                if (span > 0) {
                    assertThat(semicolonsInGap)
                            .as("a semicolon between two statements")
                            .isPositive();
                }
            }
            if (token.end() == current[1]) {
                assertThat(token.kind()).as("no trailing white space").isNotEqualTo(TokenKind.WHITESPACE);
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
