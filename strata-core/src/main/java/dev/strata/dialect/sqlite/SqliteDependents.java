package dev.strata.dialect.sqlite;

import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Schema;
import dev.strata.schema.Trigger;
import dev.strata.schema.View;
import dev.strata.sql.TokenKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The indexes, triggers and views a table rebuild must drop and create again: those on the rebuilt
 * tables, and every trigger and view whose SQL names one of them (or names a view that does). Since
 * SQLite 3.26, ALTER TABLE ... RENAME refuses to run while any trigger or view names a table that does
 * not exist, so these go before the old tables are dropped and come back after the new ones are
 * renamed (lang_altertable.html, section 7, steps 3, 8 and 9).
 *
 * @param indexes  indexes on the rebuilt tables
 * @param views    views to drop and create again, each after the views it reads
 * @param triggers triggers to drop and create again
 */
record SqliteDependents(List<Index> indexes, List<View> views, List<Trigger> triggers) {

    static SqliteDependents of(Schema schema, Set<QualifiedName> rebuilt) {
        List<Index> indexes = schema.indexes().stream()
                .filter(index -> rebuilt.contains(index.table()))
                .toList();

        Set<String> names = new LinkedHashSet<>();
        rebuilt.forEach(name -> names.add(name.name()));
        List<View> views = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : schema.views()) {
                if (!views.contains(view) && mentions(view.definition(), names)) {
                    views.add(view);
                    names.add(view.name().name());
                    grew = true;
                }
            }
        }
        List<View> ordered = dependencyOrder(views);
        Set<QualifiedName> dropped = new LinkedHashSet<>(rebuilt);
        views.forEach(view -> dropped.add(view.name()));
        List<Trigger> triggers = schema.triggers().stream()
                .filter(trigger -> dropped.contains(trigger.table()) || mentions(trigger.definition(), names))
                .toList();
        return new SqliteDependents(indexes, ordered, triggers);
    }

    /** Whether {@code sql} holds one of {@code names} as a word or quoted name. */
    static boolean mentions(String sql, Set<String> names) {
        StatementTokens tokens = StatementTokens.of(sql);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.is(i, TokenKind.WORD)
                    || tokens.is(i, TokenKind.QUOTED_IDENTIFIER)
                    || tokens.is(i, TokenKind.STRING)) {
                String word = tokens.identifier(i);
                if (names.stream().anyMatch(name -> SqliteSchemaReader.sameName(name, word))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Views that read other views of the list come after them. */
    private static List<View> dependencyOrder(List<View> views) {
        List<View> ordered = new ArrayList<>();
        List<View> left = new ArrayList<>(views);
        while (!left.isEmpty()) {
            View next = left.stream()
                    .filter(view -> left.stream()
                            .filter(other -> !other.equals(view))
                            .noneMatch(other -> mentions(
                                    view.definition(), Set.of(other.name().name()))))
                    .findFirst()
                    .orElse(left.get(0));
            left.remove(next);
            ordered.add(next);
        }
        return ordered;
    }
}
