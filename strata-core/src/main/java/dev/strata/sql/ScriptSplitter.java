package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dialect-neutral splitting loop: walks the tokens, cuts at semicolons that stand outside any
 * compound body, classifies each statement and collects directives on the way.
 */
final class ScriptSplitter {

    /** Words after which the grammar expects an expression or a column name, never the end of one. */
    private static final java.util.Set<String> EXPRESSION_BEFORE = java.util.Set.of(
            "SELECT",
            "SET",
            "WHERE",
            "AND",
            "OR",
            "NOT",
            "ON",
            "BY",
            "WHEN",
            "THEN",
            "ELSE",
            "DISTINCT",
            "ALL",
            "IS",
            "IN",
            "LIKE",
            "GLOB",
            "BETWEEN",
            "HAVING",
            "RETURNING",
            "CASE");

    /**
     * A statement together with where its text lies in the input. Gaps between spans hold only
     * white space, comments and semicolons, so the input can be rebuilt from the spans and gaps.
     */
    record Piece(Statement statement, int start, int end) {}

    /** Everything a split learns about a file; {@link #toScript} keeps only the public part. */
    record Result(String source, List<Piece> pieces, List<Directive> directives) {

        SqlScript toScript() {
            return new SqlScript(source, pieces.stream().map(Piece::statement).toList(), directives);
        }
    }

    private final SqlSyntax dialect;
    private final StatementClassifier classifier;

    ScriptSplitter(SqlSyntax dialect) {
        this.dialect = dialect;
        this.classifier = new StatementClassifier(dialect);
    }

    SqlScript split(String source, String text) {
        return splitWithSpans(source, text).toScript();
    }

    Result splitWithSpans(String source, String text) {
        return new Run(source, text).run();
    }

    /**
     * Splits and hands out each statement's significant tokens. Lexing a second time keeps the
     * splitting loop free of bookkeeping that only readers of statements need.
     */
    TokenizedScript tokenize(String source, String text) {
        Result result = splitWithSpans(source, text);
        List<Token> tokens = Lexer.lex(source, text, dialect.lexerOptions());
        List<TokenizedScript.Part> parts = new ArrayList<>(result.pieces().size());
        int next = 0;
        for (Piece piece : result.pieces()) {
            while (next < tokens.size() && tokens.get(next).start() < piece.start()) {
                next++;
            }
            List<Lexeme> lexemes = new ArrayList<>();
            for (; next < tokens.size() && tokens.get(next).end() <= piece.end(); next++) {
                Token token = tokens.get(next);
                if (!token.kind().isTrivia()) {
                    lexemes.add(new Lexeme(
                            Lexeme.kindOf(token.kind()),
                            token.text(text),
                            token.start() - piece.start(),
                            token.line(),
                            token.column()));
                }
            }
            parts.add(new TokenizedScript.Part(piece.statement(), piece.start(), piece.end(), lexemes));
        }
        return new TokenizedScript(source, text, parts, result.directives());
    }

    /** State of one split; kept apart so the splitter itself stays stateless and shareable. */
    private final class Run {
        private final String source;
        private final String text;
        private final List<Token> tokens;
        private final List<Piece> pieces = new ArrayList<>();
        private final List<Directive> directives = new ArrayList<>();

        private List<Token> significant = new ArrayList<>();
        private int lastNonBlankEnd;
        private Token bodyBegin;
        private int bodyDepth;

        Run(String source, String text) {
            this.source = source;
            this.text = text;
            this.tokens = Lexer.lex(source, text, dialect.lexerOptions());
        }

        Result run() {
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                switch (token.kind()) {
                    case WHITESPACE -> {}
                    case LINE_COMMENT -> {
                        lastNonBlankEnd = token.end();
                        boolean inHeader = pieces.isEmpty() && significant.isEmpty();
                        Directive directive = Directives.parse(token.text(text), token.line(), inHeader);
                        if (directive != null) {
                            directives.add(directive);
                        }
                    }
                    case BLOCK_COMMENT -> lastNonBlankEnd = token.end();
                    case SEMICOLON -> {
                        if (bodyBegin == null) {
                            finishStatement(lastNonBlankEnd);
                        } else {
                            significant.add(token);
                            lastNonBlankEnd = token.end();
                        }
                    }
                    default -> {
                        significant.add(token);
                        lastNonBlankEnd = token.end();
                        if (token.is(TokenKind.WORD)) {
                            trackBody(token, i);
                        }
                    }
                }
            }
            if (bodyBegin != null) {
                throw new SqlSyntaxException(
                        source,
                        bodyBegin.line(),
                        bodyBegin.column(),
                        "unterminated " + dialect.bodyName() + ": the BEGIN here has no matching END;"
                                + " add END; after the body's last statement");
            }
            if (!significant.isEmpty()) {
                // Trailing comments after a statement without semicolon belong to no statement.
                finishStatement(significant.get(significant.size() - 1).end());
            }
            return new Result(source, List.copyOf(pieces), List.copyOf(directives));
        }

        /**
         * Inside a body, CASE ... END pairs nest, so only the END that balances the opening BEGIN
         * closes it. Outside a body, BEGIN and END are left to the classifier.
         */
        private void trackBody(Token word, int index) {
            String upper = word.text(text).toUpperCase(Locale.ROOT);
            if (bodyBegin == null) {
                if (upper.equals("BEGIN")
                        && dialect.mayHoldBody(new Words(text, significant))
                        && dialect.opensBody(new Words(text, beginOnward(word, index)))) {
                    bodyBegin = word;
                    bodyDepth = 1;
                }
            } else if (upper.equals("CASE")) {
                bodyDepth++;
            } else if (upper.equals("END") && !expressionExpected() && --bodyDepth == 0) {
                bodyBegin = null;
            }
        }

        /**
         * Whether the token before the current one (the last of {@code significant}) is one after which
         * the grammar wants an expression or a name: there END is a column named {@code end}
         * ({@code SET end = 1}, {@code t.end}, {@code (end)}, {@code THEN end}), not the keyword that
         * closes a CASE or a body, which only ever follows a complete expression or statement.
         */
        private boolean expressionExpected() {
            if (significant.size() < 2) {
                return false;
            }
            Token previous = significant.get(significant.size() - 2);
            String before = previous.text(text).toUpperCase(Locale.ROOT);
            if (previous.is(TokenKind.OTHER)) {
                // '(' ',' '.' and operators; not ')' nor a parameter such as ?1 or :name, which end an expression.
                return !before.isEmpty() && "(,.=<>+-*/%|&!~^".indexOf(before.charAt(before.length() - 1)) >= 0;
            }
            return previous.is(TokenKind.WORD) && EXPRESSION_BEFORE.contains(before);
        }

        private List<Token> beginOnward(Token begin, int index) {
            for (int i = index + 1; i < tokens.size(); i++) {
                if (!tokens.get(i).kind().isTrivia()) {
                    return List.of(begin, tokens.get(i));
                }
            }
            return List.of(begin);
        }

        private void finishStatement(int end) {
            if (significant.isEmpty()) {
                return;
            }
            Token first = significant.get(0);
            StatementKind kind = classifier.classify(new Words(text, significant));
            Statement statement = new Statement(text.substring(first.start(), end), first.line(), first.column(), kind);
            pieces.add(new Piece(statement, first.start(), end));
            significant = new ArrayList<>();
        }
    }
}
