package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares strata's reading of each statement with the engine's, by planting a probe, a few
 * characters that the engine's tokenizer rejects wherever it reads them as code ({@code !} for
 * SQLite, the empty identifier {@code ""} for PostgreSQL), and asking the engine to parse the result:
 * <ul>
 *   <li>at each place where strata says code resumes after white space, a comment or a string,
 *       and at the end of the statement, the engine must report the probe (and, where it tells
 *       positions, at exactly that place): its comment or string did not run on, and its statement
 *       was not cut short (by a semicolon or a NUL it saw and strata did not);</li>
 *   <li>inside each comment, string and quoted name (just before it closes), the engine must not
 *       report the probe: its comment or string did not end earlier than strata's.</li>
 * </ul>
 * The engine only parses; nothing runs.
 */
final class ProbeOracle {

    /** One engine's side of the comparison. */
    interface EngineParser {
        /** The probe text; it must be rejected by the engine's tokenizer wherever it is code. */
        String probe();

        /**
         * Parses {@code sql} (no execution) and tells whether the engine reported the probe that
         * starts at {@code probeAt}.
         */
        boolean reportsProbe(String sql, int probeAt) throws Exception;
    }

    /** What one comparison found wrong, with the input; empty when the engine agreed. */
    static List<String> disagreements(EngineParser engine, LexerOptions options, String statement) throws Exception {
        return disagreements(engine, options, statement, true);
    }

    /**
     * The same; without {@code codeProbes} only the probes inside comments and strings are planted.
     * Those are sound on any text, valid SQL or not (an engine that reports one read code where strata
     * read a comment or string), so fuzzers use them; a probe where code resumes needs a statement
     * that is valid up to it, or a syntax error before it hides the probe.
     */
    static List<String> disagreements(EngineParser engine, LexerOptions options, String statement, boolean codeProbes)
            throws Exception {
        List<String> found = new ArrayList<>();
        List<Token> tokens = Lexer.lex("probe.sql", statement, options);
        String probe = engine.probe();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (codeProbes
                    && i > 0
                    && !token.kind().isTrivia()
                    && (tokens.get(i - 1).kind().isTrivia() || isQuoted(tokens.get(i - 1)))) {
                String probed =
                        statement.substring(0, token.start()) + " " + probe + " " + statement.substring(token.start());
                if (!engine.reportsProbe(probed, token.start() + 1)) {
                    found.add("code at offset " + token.start() + " (" + token.kind() + ") is not code for the engine");
                }
            }
            int inside = insideEnd(token, statement);
            if (inside >= 0) {
                String probed = statement.substring(0, inside) + probe + statement.substring(inside);
                if (engine.reportsProbe(probed, inside)) {
                    found.add(token.kind() + " at offset " + token.start() + " ends earlier for the engine");
                }
            }
        }
        String probed = statement + "\n" + probe;
        if (codeProbes && !engine.reportsProbe(probed, statement.length() + 1)) {
            found.add("the statement does not end where strata ends it");
        }
        return found;
    }

    private static boolean isQuoted(Token token) {
        return token.is(TokenKind.STRING) || token.is(TokenKind.QUOTED_IDENTIFIER) || token.is(TokenKind.DOLLAR_STRING);
    }

    /** Where a probe goes to lie just inside the token's end, or -1 for tokens with no inside. */
    private static int insideEnd(Token token, String text) {
        return switch (token.kind()) {
            case LINE_COMMENT -> token.end();
            case BLOCK_COMMENT -> token.end() - 2;
            case STRING, QUOTED_IDENTIFIER -> token.end() - 1;
            case DOLLAR_STRING -> {
                String body = token.text(text);
                yield token.end() - (body.indexOf('$', 1) + 1);
            }
            default -> -1;
        };
    }

    static void assertAgrees(EngineParser engine, LexerOptions options, String statement) throws Exception {
        assertThat(disagreements(engine, options, statement))
                .as("strata and the engine read %s", escape(statement))
                .isEmpty();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(
                    c < 0x20 || (c > 0x7e && c < 0xa0) || c == 0x2028
                            ? String.format("\\u%04x", (int) c)
                            : String.valueOf(c));
        }
        return out.toString();
    }
}
