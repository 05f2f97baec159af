package dev.strata.sql;

import java.util.List;

/**
 * A migration file split into statements.
 *
 * @param source      the file's name as shown in messages (relative to the project)
 * @param statements  statements in file order; comment-only stretches are not statements
 * @param directives  every {@code -- strata:} comment of the file, in file order
 */
public record SqlScript(String source, List<Statement> statements, List<Directive> directives) {

    public SqlScript {
        statements = List.copyOf(statements);
        directives = List.copyOf(directives);
    }

    public boolean hasDirective(String name) {
        return directives.stream().anyMatch(d -> d.name().equals(name));
    }
}
