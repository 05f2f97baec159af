package dev.strata.dialect;

import dev.strata.StrataException;
import dev.strata.sql.Statement;

/**
 * A statement of a migration failed on the database. The message names the file and line, the
 * statement's first line and the database's own words, and says what state the migration is in.
 * {@link VerificationFailedException} is the same for a {@code -- strata:verify} check.
 */
public class MigrationFailedException extends StrataException {

    private final String source;
    private final int line;
    private final String statement;
    private final String databaseMessage;

    public MigrationFailedException(String source, Statement statement, String databaseMessage, String outcome) {
        this(
                source + ":" + statement.line() + ": statement failed: " + statement.firstLine()
                        + System.lineSeparator() + "  database says: " + databaseMessage
                        + System.lineSeparator() + "  " + outcome,
                source,
                statement.line(),
                statement.firstLine(),
                databaseMessage);
    }

    /** For subclasses that word the message themselves. */
    protected MigrationFailedException(
            String message, String source, int line, String statement, String databaseMessage) {
        super(message);
        this.source = source;
        this.line = line;
        this.statement = statement;
        this.databaseMessage = databaseMessage;
    }

    /** The first line of the statement that failed. */
    public String statement() {
        return statement;
    }

    /** What the database said, without driver boilerplate. */
    public String databaseMessage() {
        return databaseMessage;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }
}
