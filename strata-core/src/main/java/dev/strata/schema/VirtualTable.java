package dev.strata.schema;

import java.util.Objects;

/**
 * A table whose rows come from a module rather than from the engine's own storage: a SQLite
 * {@code CREATE VIRTUAL TABLE ... USING fts5(...)}, {@code rtree}, ... The tables the module keeps its
 * data in (FTS5's {@code x_data}, {@code x_idx}, ...) are not user tables and are not part of the
 * model: creating the virtual table creates them again.
 *
 * @param module     the module's name as written after USING, lower-cased ({@code fts5})
 * @param definition the whole CREATE VIRTUAL TABLE statement as the engine stored it, without a
 *                   trailing semicolon
 */
public record VirtualTable(QualifiedName name, String module, String definition) {

    public VirtualTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(definition, "definition");
    }
}
