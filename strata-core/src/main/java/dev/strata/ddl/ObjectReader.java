package dev.strata.ddl;

import dev.strata.sql.Lexeme;

/**
 * Reads the forms of PostgreSQL's ALTER TYPE, ALTER DOMAIN and ALTER SCHEMA that change what running
 * code depends on: an enum's values, a domain's constraints, a schema's name. Other forms are read
 * as {@link Change.Other}.
 */
final class ObjectReader {

    private ObjectReader() {}

    /** {@code ALTER TYPE|DOMAIN|SCHEMA ...}, the cursor on ALTER. */
    static Change read(Cursor in) {
        in.next();
        if (in.accept("TYPE")) {
            return alterType(in);
        }
        if (in.accept("DOMAIN")) {
            return alterDomain(in);
        }
        in.next(); // SCHEMA, as the caller checked
        return renameSchema(in);
    }

    /**
     * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'value' [BEFORE | AFTER 'other']} or {@code ALTER
     * TYPE name RENAME VALUE 'value' TO 'new'}.
     */
    private static Change alterType(Cursor in) {
        Name type = in.name();
        if (type == null) {
            return null;
        }
        Lexeme at = in.peek();
        if (in.acceptAll("ADD", "VALUE")) {
            in.acceptAll("IF", "NOT", "EXISTS");
            Lexeme value = in.next();
            return value == null ? null : new Change.AddEnumValue(type, value.text(), at);
        }
        if (in.acceptAll("RENAME", "VALUE")) {
            Lexeme value = in.next();
            Lexeme renamed = in.accept("TO") ? in.next() : null;
            return value == null || renamed == null
                    ? null
                    : new Change.RenameEnumValue(type, value.text(), renamed.text(), at);
        }
        return null;
    }

    /** {@code ALTER DOMAIN name ADD [CONSTRAINT c] CHECK (...) [NOT VALID]} or {@code ... SET NOT NULL}. */
    private static Change alterDomain(Cursor in) {
        Name domain = in.name();
        if (domain == null) {
            return null;
        }
        Lexeme at = in.peek();
        if (in.acceptAll("SET", "NOT", "NULL")) {
            return new Change.AlterDomain(domain, Change.DomainChange.SET_NOT_NULL, at);
        }
        if (!in.accept("ADD")) {
            return null;
        }
        Lexeme last = at;
        Lexeme beforeLast = null;
        while (!in.atEnd()) {
            beforeLast = last;
            last = in.next();
        }
        boolean notValid = last.isWord("VALID") && beforeLast != null && beforeLast.isWord("NOT");
        return new Change.AlterDomain(
                domain,
                notValid ? Change.DomainChange.ADD_CONSTRAINT_NOT_VALID : Change.DomainChange.ADD_CONSTRAINT,
                at);
    }

    /** {@code ALTER SCHEMA name RENAME TO new}. */
    private static Change renameSchema(Cursor in) {
        Name schema = in.name();
        Lexeme at = in.peek();
        if (schema == null || schema.schema() != null || !in.acceptAll("RENAME", "TO")) {
            return null;
        }
        Lexeme renamed = in.next();
        return renamed == null || !in.atEnd() ? null : new Change.RenameSchema(schema, renamed.text(), at);
    }
}
