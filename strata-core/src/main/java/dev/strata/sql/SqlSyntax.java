package dev.strata.sql;

/**
 * What makes one SQL dialect different from the other for splitting purposes. The splitting and
 * classifying machinery is shared; a dialect only answers these questions.
 */
interface SqlSyntax {

    LexerOptions lexerOptions();

    /**
     * Whether a statement that starts with these words may contain a compound body whose inner
     * semicolons must not split it (a SQLite trigger, a PostgreSQL BEGIN ATOMIC routine).
     */
    boolean mayHoldBody(Words head);

    /**
     * Whether a BEGIN inside a statement that may hold a body opens that body. {@code beginOnward}
     * holds that BEGIN and the significant token after it, if any, so the rule can look ahead.
     */
    boolean opensBody(Words beginOnward);

    /** Names the body in messages, e.g. "trigger body". */
    String bodyName();

    /** Statements this engine refuses to run inside a transaction block. */
    boolean needsNoTransaction(Words words);
}
