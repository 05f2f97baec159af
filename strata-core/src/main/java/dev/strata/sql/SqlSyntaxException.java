package dev.strata.sql;

import dev.strata.StrataException;

/** A migration file that strata cannot split into statements, with the place the problem begins. */
public final class SqlSyntaxException extends StrataException {

    private final String source;
    private final int line;
    private final int column;

    public SqlSyntaxException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
