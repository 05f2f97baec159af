package dev.strata.dialect.sqlite;

import dev.strata.dialect.Identifiers;
import dev.strata.dialect.SchemaWriter;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.View;
import dev.strata.schema.VirtualTable;
import dev.strata.sql.TokenKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a {@link Schema} as SQLite SQL. The same schema always gives the same text, byte for
 * byte, and {@link SqliteSchemaReader} reads what this writes back as an equal schema.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqliteSchemaWriter implements SchemaWriter {

    public static final SqliteSchemaWriter INSTANCE = new SqliteSchemaWriter();

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String INDENT = "    ";

    private SqliteSchemaWriter() {}

    /**
     * Tables (each after the tables its foreign keys point at, where no cycle prevents it), virtual
     * tables (an FTS5 table may name its content table), then indexes, views (each after the views it reads) and triggers; statements separated by a blank
     * line.
     */
    @Override
    public String script(Schema schema) {
        List<String> statements = new ArrayList<>();
        for (Table table : dependencyOrder(
                schema.tables(),
                Table::name,
                table -> table.foreignKeys().stream().map(ForeignKey::target).collect(Collectors.toSet()))) {
            statements.add(createTable(table));
        }
        for (VirtualTable table : schema.virtualTables()) {
            statements.add(table.definition());
        }
        for (Index index : schema.indexes()) {
            statements.add(createIndex(index));
        }
        Set<QualifiedName> viewNames = schema.views().stream().map(View::name).collect(Collectors.toSet());
        for (View view : dependencyOrder(schema.views(), View::name, view -> readViews(view, viewNames))) {
            statements.add(createView(view));
        }
        for (Trigger trigger : schema.triggers()) {
            statements.add(trigger.definition());
        }
        return statements.stream().map(statement -> statement + ";\n").collect(Collectors.joining("\n"));
    }

    @Override
    public String createTable(Table table) {
        PrimaryKey key = table.primaryKey();
        // A one-column key is written on its column, the only place SQLite's grammar takes AUTOINCREMENT.
        String inlineKey =
                key != null && key.columns().size() == 1 ? key.columns().get(0) : null;
        List<String> lines = new ArrayList<>();
        for (Column column : table.columns()) {
            lines.add(column(column, column.name().equals(inlineKey) ? key : null));
        }
        if (key != null && inlineKey == null) {
            lines.add("PRIMARY KEY " + names(key.columns()));
        }
        for (UniqueConstraint unique : table.uniques()) {
            lines.add(constraintName(unique.name()) + "UNIQUE " + names(unique.columns()));
        }
        for (CheckConstraint check : table.checks()) {
            lines.add(constraintName(check.name()) + "CHECK (" + check.expression() + ")");
        }
        for (ForeignKey foreignKey : table.foreignKeys()) {
            lines.add(foreignKey(foreignKey));
        }
        List<String> options = new ArrayList<>();
        if (table.strict()) {
            options.add("STRICT");
        }
        if (table.withoutRowid()) {
            options.add("WITHOUT ROWID");
        }
        return "CREATE TABLE " + name(table.name()) + " (\n" + INDENT + String.join(",\n" + INDENT, lines) + "\n)"
                + (options.isEmpty() ? "" : " " + String.join(", ", options));
    }

    @Override
    public String createIndex(Index index) {
        List<String> keys = index.keys().stream().map(this::indexKey).toList();
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + name(index.name()) + " ON "
                + quote(index.table().name()) + " (" + String.join(", ", keys) + ")"
                + (index.where() == null ? "" : " WHERE " + index.where());
    }

    /** CREATE VIEW with its column list, if any; no trailing semicolon. */
    public String createView(View view) {
        return "CREATE VIEW " + name(view.name()) + (view.columns().isEmpty() ? "" : " " + names(view.columns()))
                + " AS " + view.definition();
    }

    /** Bare when the name is a plain word that is not a keyword; in double quotes otherwise. */
    @Override
    public String quote(String identifier) {
        return PLAIN_NAME.matcher(identifier).matches() && !SqliteKeywords.isKeyword(identifier)
                ? identifier
                : Identifiers.quote(identifier);
    }

    private String column(Column column, PrimaryKey inlineKey) {
        StringBuilder sql = new StringBuilder(quote(column.name()));
        if (!column.type().isEmpty()) {
            sql.append(' ').append(column.type());
        }
        if (inlineKey != null) {
            sql.append(" PRIMARY KEY").append(inlineKey.autoincrement() ? " AUTOINCREMENT" : "");
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(defaultValue(column.defaultValue()));
        }
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(quote(column.collation()));
        }
        if (column.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (")
                    .append(column.generated().expression())
                    .append(')')
                    .append(column.generated().stored() ? " STORED" : " VIRTUAL");
        }
        return sql.toString();
    }

    /**
     * SQLite reports a default without the parentheses it was written in, so anything but a single
     * literal, name or signed number is put back inside them.
     */
    private static String defaultValue(String value) {
        StatementTokens tokens = StatementTokens.of(value);
        boolean single = tokens.size() == 1
                && (tokens.is(0, TokenKind.STRING)
                        || tokens.is(0, TokenKind.NUMBER)
                        || tokens.is(0, TokenKind.WORD)
                        || tokens.is(0, TokenKind.QUOTED_IDENTIFIER));
        boolean signedNumber = tokens.size() == 2
                && (tokens.isSymbol(0, "-") || tokens.isSymbol(0, "+"))
                && tokens.is(1, TokenKind.NUMBER);
        return single || signedNumber ? value : "(" + value + ")";
    }

    private String foreignKey(ForeignKey key) {
        StringBuilder sql = new StringBuilder(constraintName(key.name()))
                .append("FOREIGN KEY ")
                .append(names(key.columns()))
                .append(" REFERENCES ")
                .append(quote(key.target().name()));
        if (!key.targetColumns().isEmpty()) {
            sql.append(' ').append(names(key.targetColumns()));
        }
        if (key.onDelete() != ReferentialAction.NO_ACTION) {
            sql.append(" ON DELETE ").append(key.onDelete().sql());
        }
        if (key.onUpdate() != ReferentialAction.NO_ACTION) {
            sql.append(" ON UPDATE ").append(key.onUpdate().sql());
        }
        if (key.deferrable()) {
            sql.append(key.initiallyDeferred() ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE");
        }
        return sql.toString();
    }

    private String indexKey(IndexKey key) {
        return (key.column() != null ? quote(key.column()) : key.expression())
                + (key.collation() != null ? " COLLATE " + quote(key.collation()) : "")
                + (key.descending() ? " DESC" : "");
    }

    private String constraintName(String name) {
        return name == null ? "" : "CONSTRAINT " + quote(name) + " ";
    }

    private String names(List<String> names) {
        return "(" + names.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** SQLite objects live in {@code main}; another namespace (an attached database) is written out. */
    private String name(QualifiedName name) {
        return name.schema().equals(SqliteSchemaReader.MAIN)
                ? quote(name.name())
                : quote(name.schema()) + "." + quote(name.name());
    }

    /** The views whose names appear as words or quoted names in {@code view}'s SELECT. */
    private static Set<QualifiedName> readViews(View view, Set<QualifiedName> viewNames) {
        StatementTokens tokens = StatementTokens.of(view.definition());
        Set<QualifiedName> read = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.is(i, TokenKind.WORD) || tokens.is(i, TokenKind.QUOTED_IDENTIFIER)) {
                String word = tokens.identifier(i);
                viewNames.stream()
                        .filter(name -> SqliteSchemaReader.sameName(name.name(), word))
                        .forEach(read::add);
            }
        }
        return read;
    }

    /**
     * {@code items} (already in name order) so that each comes after those it depends on: at every
     * step the first item by name whose dependencies are all placed. A cycle is broken by placing
     * the first remaining item by name, which SQLite accepts, as it resolves names only when used.
     */
    private static <T> List<T> dependencyOrder(
            List<T> items, Function<T, QualifiedName> name, Function<T, Set<QualifiedName>> dependencies) {
        Set<QualifiedName> known = items.stream().map(name).collect(Collectors.toSet());
        List<Set<QualifiedName>> waitsFor = new ArrayList<>(items.size());
        for (T item : items) {
            Set<QualifiedName> others = new HashSet<>(dependencies.apply(item));
            others.remove(name.apply(item));
            others.retainAll(known);
            waitsFor.add(others);
        }
        Set<QualifiedName> placed = new HashSet<>();
        boolean[] done = new boolean[items.size()];
        List<T> ordered = new ArrayList<>(items.size());
        while (ordered.size() < items.size()) {
            int next = -1;
            int firstLeft = -1;
            for (int i = 0; i < items.size() && next < 0; i++) {
                if (!done[i]) {
                    firstLeft = firstLeft < 0 ? i : firstLeft;
                    next = placed.containsAll(waitsFor.get(i)) ? i : -1;
                }
            }
            next = next < 0 ? firstLeft : next;
            done[next] = true;
            placed.add(name.apply(items.get(next)));
            ordered.add(items.get(next));
        }
        return ordered;
    }
}
