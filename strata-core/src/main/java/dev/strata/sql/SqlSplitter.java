package dev.strata.sql;

/**
 * Splits the text of one migration file into statements, dialect by dialect.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SqlSplitter {

    /**
     * @param source the file's name for messages
     * @param text   the file's content (BOM already stripped, line endings as in the file)
     * @throws SqlSyntaxException on an unterminated quote, comment, dollar quote or block, or on a
     *                            psql meta-command, naming the line where it begins
     */
    SqlScript split(String source, String text);

    /**
     * Splits like {@link #split} and also gives each statement's significant tokens and its span in
     * the text, for tools that read what statements do (the linter) or rewrite them (import).
     *
     * @throws SqlSyntaxException as {@link #split} does
     */
    TokenizedScript tokenize(String source, String text);
}
