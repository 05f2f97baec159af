package dev.strata.sql;

/** What a statement means to the migration runner, decided from the lexer's tokens, never by regex. */
public enum StatementKind {
    /** Anything that can run inside the migration's transaction. */
    ORDINARY,
    /** BEGIN, BEGIN TRANSACTION, START TRANSACTION, BEGIN IMMEDIATE ... */
    TRANSACTION_BEGIN,
    /** COMMIT, END, END TRANSACTION. */
    TRANSACTION_COMMIT,
    /** ROLLBACK, ABORT, SAVEPOINT, RELEASE and any other transaction control. */
    TRANSACTION_OTHER,
    /** A statement the engine refuses to run inside a transaction (CREATE INDEX CONCURRENTLY, VACUUM ...). */
    NO_TRANSACTION
}
