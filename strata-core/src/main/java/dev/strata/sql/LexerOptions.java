package dev.strata.sql;

import java.util.Set;

/**
 * The few places where SQLite and PostgreSQL read characters differently. Everything not listed
 * here (plain strings, double-quoted identifiers, comments, words) is lexed the same way.
 *
 * @param backtickIdentifiers  {@code `name`} is an identifier (SQLite, for MySQL compatibility)
 * @param bracketIdentifiers   {@code [name]} is an identifier (SQLite, for SQL Server compatibility)
 * @param nestedBlockComments  a block comment may hold another one (PostgreSQL, as the SQL standard asks)
 * @param dollarQuotes         {@code $tag$...$tag$} is a string (PostgreSQL)
 * @param escapeStrings        {@code E'...'} honours backslash escapes (PostgreSQL)
 * @param stringPrefixes       letters that may stand glued in front of a quote and belong to the
 *                             string ({@code X'00'}); upper case, {@code U&} written as "U&"
 * @param metaCommands         a backslash opening a line is a psql command that we must refuse
 * @param engine               the engine's name, for messages
 * @param lineCommentEndsAtCarriageReturn  a lone CR ends a {@code --} comment (PostgreSQL); SQLite
 *                             ends one only at LF, so a lone CR inside it is refused
 * @param tclVariables         {@code $name(...)} is one variable token up to the first blank or
 *                             {@code )}, semicolons included (SQLite's Tcl-style parameters)
 * @param escapeStringsContinue a string that follows an {@code E'...'} string after a line break is
 *                             joined to it and read with its escapes (PostgreSQL)
 */
record LexerOptions(
        String engine,
        boolean lineCommentEndsAtCarriageReturn,
        boolean tclVariables,
        boolean escapeStringsContinue,
        boolean backtickIdentifiers,
        boolean bracketIdentifiers,
        boolean nestedBlockComments,
        boolean dollarQuotes,
        boolean escapeStrings,
        Set<String> stringPrefixes,
        boolean metaCommands) {

    LexerOptions {
        stringPrefixes = Set.copyOf(stringPrefixes);
    }
}
