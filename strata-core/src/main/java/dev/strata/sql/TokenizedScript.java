package dev.strata.sql;

import java.util.List;
import java.util.Objects;

/**
 * A migration file split into statements, each with its significant tokens and its place in the
 * text. Whatever lies between two statements (white space, comments, semicolons) can be rebuilt
 * from the text and the spans, which lets a tool rewrite statements and keep the comments.
 *
 * @param source     the file's name as shown in messages
 * @param text       the file's whole text
 * @param statements statements in file order
 * @param directives every {@code -- strata:} comment of the file, in file order
 */
public record TokenizedScript(String source, String text, List<Part> statements, List<Directive> directives) {

    public TokenizedScript {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        statements = List.copyOf(statements);
        directives = List.copyOf(directives);
    }

    /**
     * One statement with its tokens.
     *
     * @param statement the statement as the runner sees it
     * @param start     offset of its first character in the file
     * @param end       offset just after its last character (before the semicolon)
     * @param lexemes   its significant tokens, in order
     */
    public record Part(Statement statement, int start, int end, List<Lexeme> lexemes) {
        public Part {
            Objects.requireNonNull(statement, "statement");
            lexemes = List.copyOf(lexemes);
        }
    }
}
