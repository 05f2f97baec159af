package dev.strata.ddl;

import dev.strata.sql.Lexeme;
import java.util.List;

/**
 * A column as CREATE TABLE or ADD COLUMN declares it.
 *
 * @param name       the column's name, unquoted
 * @param type       the declared type as written, normalised in spacing ({@code DECIMAL(12,4)}); empty
 *                   when none is given (SQLite allows that)
 * @param notNull    NOT NULL
 * @param defaultValue the DEFAULT expression's lexemes; empty when there is no DEFAULT
 * @param primaryKey PRIMARY KEY
 * @param unique     UNIQUE
 * @param references a REFERENCES clause, or null
 * @param generated  GENERATED ALWAYS AS (...) or AS (...)
 * @param stored     a generated column whose value is stored
 * @param identity   an identity column or a serial type: the engine fills in its values
 * @param at         the column's name in the statement
 */
public record ColumnDefinition(
        String name,
        String type,
        boolean notNull,
        List<Lexeme> defaultValue,
        boolean primaryKey,
        boolean unique,
        ForeignKeyDefinition references,
        boolean generated,
        boolean stored,
        boolean identity,
        Lexeme at) {

    public ColumnDefinition {
        defaultValue = List.copyOf(defaultValue);
    }

    public boolean hasDefault() {
        return !defaultValue.isEmpty();
    }

    /** The DEFAULT expression as text, or an empty string. */
    public String defaultText() {
        return Cursor.text(defaultValue);
    }

    /** DEFAULT NULL, which is no default at all for a NOT NULL column. */
    public boolean defaultIsNull() {
        return defaultValue.size() == 1 && defaultValue.get(0).isWord("NULL");
    }
}
