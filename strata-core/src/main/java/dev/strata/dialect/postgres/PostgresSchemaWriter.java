package dev.strata.dialect.postgres;

import dev.strata.dialect.SchemaWriter;
import dev.strata.schema.CheckConstraint;
import dev.strata.schema.Column;
import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.SchemaObject;
import dev.strata.schema.Extension;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.Partitioning;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Routine;
import dev.strata.schema.Schema;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.UserType;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a {@link Schema} as PostgreSQL SQL: the script {@code strata dump} prints, which loads
 * into an empty database and reads back as an equal schema.
 *
 * <p>The script sets {@code search_path} to the schema's default schema, because the expressions
 * the catalog gave (defaults, checks, view queries) name that schema's objects without it. Names are
 * written the same way: bare in the default schema, qualified elsewhere, quoted only when needed.
 * {@link #createTable} and {@link #createIndex} stand alone and so always qualify names.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresSchemaWriter implements SchemaWriter {

    static final PostgresSchemaWriter INSTANCE = new PostgresSchemaWriter();

    private static final String INDENT = "    ";

    private PostgresSchemaWriter() {}

    /**
     * The whole schema, in this order: settings, schemas, extensions, types, sequences, functions,
     * tables, the constraints added afterwards (foreign keys, so cycles load, and NOT VALID ones),
     * sequence ownership, views (each after the views it reads), indexes, triggers, storage
     * parameters and row-level security, policies, grants, comments. Functions whose signature or
     * SQL-standard body names a table or view come with the views instead, because the server
     * resolves them when the function is created.
     *
     * <p>Functions, tables and views are then put in the order the engine recorded between them
     * ({@link Schema#dependencies()}, from pg_depend): a function after the tables and functions its
     * SQL-standard body reads, a table after the functions its defaults and checks call, a view after
     * what its query uses. Where that allows, the layout above is kept. A table whose default or check
     * calls a function that reads the same table is created without them; they are added once the
     * function exists ({@link DeferredDefaults}). Any other cycle keeps the layout above and does not
     * load; {@code strata dump --check} finds out by loading the dump.
     */
    @Override
    public String script(Schema schema) {
        String home = schema.defaultSchema();
        ScriptBuilder script = new ScriptBuilder();
        script.section().add("SET check_function_bodies = false");
        script.section();
        schema.schemas().forEach(name -> script.add("CREATE SCHEMA IF NOT EXISTS " + quote(name)));
        script.section().add("SET search_path = " + quote(home));
        script.section();
        schema.extensions().forEach(extension -> script.add(createExtension(extension)));
        script.section();
        DependencyOrder.sortByMentions(schema.types(), type -> type.name().name(), UserType::definition)
                .forEach(type -> script.add(createType(type, home)));
        script.section();
        schema.sequences().forEach(sequence -> script.add(createSequence(sequence, home)));
        DeferredDefaults deferred = DeferredDefaults.of(schema);
        List<Created> objects = objectsInOrder(schema, home, deferred);
        int tablesEnd = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).object().kind() == Dependency.Kind.TABLE) {
                tablesEnd = i + 1;
            }
        }
        addObjects(script, objects.subList(0, tablesEnd));
        script.section();
        for (Table table : tablesInOrder(schema)) {
            String alter = "ALTER TABLE " + PostgresNames.qualified(table.name(), home) + " ADD ";
            table.checks().stream()
                    .filter(check -> !check.valid())
                    .forEach(check -> script.add(alter + check(check) + " NOT VALID"));
            table.foreignKeys()
                    .forEach(key -> script.add(alter + foreignKey(key, home) + (key.valid() ? "" : " NOT VALID")));
        }
        script.section();
        schema.sequences().stream()
                .filter(sequence -> sequence.ownedBy() != null)
                .forEach(sequence -> script.add(ownedBy(sequence, schema)));
        addObjects(script, objects.subList(tablesEnd, objects.size()));
        script.section();
        deferred.alterations(schema, home).forEach(script::add);
        script.section();
        schema.indexes().forEach(index -> script.add(createIndex(index, home)));
        script.section();
        schema.triggers().forEach(trigger -> script.add(trigger.definition()));
        script.section();
        PostgresSecurityWriter.tableSettings(schema, home).forEach(script::add);
        script.section();
        schema.policies().forEach(policy -> script.add(PostgresSecurityWriter.createPolicy(policy, home)));
        script.section();
        schema.grants().forEach(grant -> script.add(PostgresSecurityWriter.grant(grant, home)));
        script.section();
        comments(schema, home).forEach(script::add);
        return script.toString();
    }

    /** Objects in order, a new section wherever the kind of object changes. */
    private static void addObjects(ScriptBuilder script, List<Created> objects) {
        Dependency.Kind previous = null;
        for (Created created : objects) {
            if (created.object().kind() != previous) {
                script.section();
                previous = created.object().kind();
            }
            script.add(created.sql());
        }
    }

    /**
     * Functions, tables and views: first the functions that name no table or view, then the tables
     * (partitions after their parent), then the other functions and the views (each after those it
     * mentions); then moved where {@link Schema#dependencies()} demands.
     */
    private List<Created> objectsInOrder(Schema schema, String home, DeferredDefaults deferred) {
        Set<String> relationNames = new HashSet<>();
        schema.tables().forEach(table -> relationNames.add(table.name().name()));
        schema.views().forEach(view -> relationNames.add(view.name().name()));
        Set<SchemaObject> readsRelations = new HashSet<>();
        schema.dependencies().stream()
                .filter(dependency -> dependency.referenced().kind() == Dependency.Kind.TABLE
                        || dependency.referenced().kind() == Dependency.Kind.VIEW)
                .forEach(dependency -> readsRelations.add(dependency.dependent()));
        List<Routine> late = schema.routines().stream()
                .filter(routine -> readsRelations.contains(SchemaObject.of(routine))
                        || !Collections.disjoint(
                                relationNames, DependencyOrder.identifiers(parsedPart(routine.definition()))))
                .toList();
        List<Created> objects = new ArrayList<>();
        schema.routines().stream()
                .filter(routine -> !late.contains(routine))
                .forEach(routine -> objects.add(
                        new Created(SchemaObject.of(routine), parsedPart(routine.definition()), routine.definition())));
        tablesInOrder(schema)
                .forEach(table -> objects.add(new Created(
                        SchemaObject.of(table), "", createTable(deferred.withoutDeferred(table), home, false))));
        List<Created> afterTables = new ArrayList<>();
        late.forEach(routine -> afterTables.add(
                new Created(SchemaObject.of(routine), parsedPart(routine.definition()), routine.definition())));
        schema.views()
                .forEach(view ->
                        afterTables.add(new Created(SchemaObject.of(view), view.definition(), createView(view, home))));
        objects.addAll(DependencyOrder.sortByMentions(
                afterTables, created -> created.object().name().name(), Created::mentions));

        Map<SchemaObject, Created> byObject = new HashMap<>();
        objects.forEach(created -> byObject.put(created.object(), created));
        Map<SchemaObject, List<Created>> needs = new HashMap<>();
        for (Dependency dependency : schema.dependencies()) {
            Created referenced = byObject.get(dependency.referenced());
            if (referenced != null && !deferred.isDeferred(dependency.dependent(), dependency.referenced())) {
                needs.computeIfAbsent(dependency.dependent(), key -> new ArrayList<>())
                        .add(referenced);
            }
        }
        for (Table table : schema.tables()) {
            if (table.partitioning() != null && table.partitioning().isPartition()) {
                Optional.ofNullable(byObject.get(new SchemaObject(
                                Dependency.Kind.TABLE, table.partitioning().parent(), "")))
                        .ifPresent(parent -> needs.computeIfAbsent(SchemaObject.of(table), key -> new ArrayList<>())
                                .add(parent));
            }
        }
        return DependencyOrder.sort(objects, created -> needs.getOrDefault(created.object(), List.of()));
    }

    /**
     * The part of a routine's definition the server resolves names in when it is created: the
     * signature, or all of it for a SQL-standard body ({@code BEGIN ATOMIC}, {@code RETURN}). A
     * string body ({@code AS $function$ ... $function$}) is not checked with check_function_bodies off.
     */
    private static String parsedPart(String definition) {
        int body = definition.indexOf("\nAS ");
        return body < 0 ? definition : definition.substring(0, body);
    }

    /**
     * A function, table or view with its CREATE statement.
     *
     * @param mentions the text whose names order views and late functions among themselves
     */
    private record Created(SchemaObject object, String mentions, String sql) {}

    @Override
    public String createTable(Table table) {
        return createTable(table, null, true);
    }

    @Override
    public String createIndex(Index index) {
        return createIndex(index, null);
    }

    @Override
    public String quote(String identifier) {
        return PostgresNames.quote(identifier);
    }

    // ---- tables -----------------------------------------------------------------------------------

    /** Partitions after the tables they belong to; otherwise canonical order. */
    private static List<Table> tablesInOrder(Schema schema) {
        return DependencyOrder.sort(
                schema.tables(),
                table -> table.partitioning() == null || !table.partitioning().isPartition()
                        ? List.of()
                        : schema.table(table.partitioning().parent())
                                .map(List::of)
                                .orElse(List.of()));
    }

    /**
     * @param standalone true: every constraint inside the statement; false (in a script): foreign
     *                   keys and NOT VALID checks are left to ALTER TABLE afterwards
     */
    private String createTable(Table table, String home, boolean standalone) {
        List<String> elements = new ArrayList<>();
        Partitioning partitioning = table.partitioning();
        boolean partition = partitioning != null && partitioning.isPartition();
        if (!partition) {
            table.columns().forEach(column -> elements.add(column(column)));
        }
        PrimaryKey primaryKey = table.primaryKey();
        if (primaryKey != null) {
            elements.add(constraintName(primaryKey.name()) + "PRIMARY KEY " + columnList(primaryKey.columns()));
        }
        for (UniqueConstraint unique : table.uniques()) {
            elements.add(constraintName(unique.name()) + "UNIQUE " + columnList(unique.columns()));
        }
        for (CheckConstraint check : table.checks()) {
            if (standalone || check.valid()) {
                elements.add(check(check));
            }
        }
        if (standalone) {
            table.foreignKeys().forEach(key -> elements.add(foreignKey(key, home)));
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(PostgresNames.qualified(table.name(), home));
        if (partition) {
            sql.append(" PARTITION OF ").append(PostgresNames.qualified(partitioning.parent(), home));
        }
        if (!elements.isEmpty() || !partition) {
            sql.append(" (\n")
                    .append(elements.stream().map(element -> INDENT + element).collect(Collectors.joining(",\n")))
                    .append("\n)");
        }
        if (partition) {
            sql.append(' ').append(partitioning.bound());
        }
        if (partitioning != null && partitioning.partitionBy() != null) {
            sql.append(" PARTITION BY ").append(partitioning.partitionBy());
        }
        return sql.toString();
    }

    private String column(Column column) {
        StringBuilder sql = new StringBuilder(quote(column.name())).append(' ').append(column.type());
        if (column.collation() != null) {
            sql.append(" COLLATE ").append(quote(column.collation()));
        }
        if (column.generated() != null) {
            sql.append(" GENERATED ALWAYS AS (")
                    .append(column.generated().expression())
                    .append(')')
                    .append(column.generated().stored() ? " STORED" : "");
        }
        if (column.identity() != null) {
            sql.append(" GENERATED ").append(column.identity()).append(" AS IDENTITY");
        }
        if (column.defaultValue() != null) {
            sql.append(" DEFAULT ").append(column.defaultValue());
        }
        if (column.notNull()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    private String check(CheckConstraint check) {
        return constraintName(check.name()) + "CHECK (" + check.expression() + ")";
    }

    private String foreignKey(ForeignKey key, String home) {
        StringBuilder sql = new StringBuilder(constraintName(key.name()))
                .append("FOREIGN KEY ")
                .append(columnList(key.columns()))
                .append(" REFERENCES ")
                .append(PostgresNames.qualified(key.target(), home))
                .append(' ')
                .append(columnList(key.targetColumns()));
        if (key.onDelete() != ReferentialAction.NO_ACTION) {
            sql.append(" ON DELETE ").append(key.onDelete().sql());
        }
        if (key.onUpdate() != ReferentialAction.NO_ACTION) {
            sql.append(" ON UPDATE ").append(key.onUpdate().sql());
        }
        if (key.deferrable()) {
            sql.append(" DEFERRABLE").append(key.initiallyDeferred() ? " INITIALLY DEFERRED" : "");
        }
        return sql.toString();
    }

    private String constraintName(String name) {
        return name == null ? "" : "CONSTRAINT " + quote(name) + " ";
    }

    private String columnList(List<String> columns) {
        return "(" + columns.stream().map(this::quote).collect(Collectors.joining(", ")) + ")";
    }

    // ---- the other objects ------------------------------------------------------------------------

    private String createExtension(Extension extension) {
        return "CREATE EXTENSION IF NOT EXISTS " + quote(extension.name()) + " WITH SCHEMA " + quote(extension.schema())
                + " VERSION " + PostgresNames.literal(extension.version());
    }

    private static String createType(UserType type, String home) {
        String name = PostgresNames.qualified(type.name(), home);
        return switch (type.kind()) {
            case ENUM ->
                "CREATE TYPE " + name + " AS ENUM ("
                        + type.labels().stream().map(PostgresNames::literal).collect(Collectors.joining(", ")) + ")";
            case DOMAIN -> "CREATE DOMAIN " + name + " AS " + type.definition();
            case COMPOSITE -> "CREATE TYPE " + name + " AS (" + type.definition() + ")";
            case RANGE -> "CREATE TYPE " + name + " AS RANGE (" + type.definition() + ")";
        };
    }

    private static String createSequence(Sequence sequence, String home) {
        return "CREATE SEQUENCE " + PostgresNames.qualified(sequence.name(), home) + " AS " + sequence.dataType()
                + " START WITH " + sequence.start() + " INCREMENT BY " + sequence.increment()
                + " MINVALUE " + sequence.minValue() + " MAXVALUE " + sequence.maxValue()
                + (sequence.cycle() ? " CYCLE" : "");
    }

    /** {@code ownedBy} is {@code table.column}, the table named as {@link Schema#qualify} reads it. */
    private String ownedBy(Sequence sequence, Schema schema) {
        String owner = sequence.ownedBy();
        int dot = owner.lastIndexOf('.');
        QualifiedName table = schema.qualify(owner.substring(0, dot));
        return "ALTER SEQUENCE " + PostgresNames.qualified(sequence.name(), schema.defaultSchema()) + " OWNED BY "
                + PostgresNames.qualified(table, schema.defaultSchema()) + "." + quote(owner.substring(dot + 1));
    }

    static String createView(View view, String home) {
        return "CREATE " + (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                + PostgresNames.qualified(view.name(), home) + " AS\n " + view.definition();
    }

    /** An index is created in its table's schema, so its own name is never qualified. */
    private String createIndex(Index index, String home) {
        StringBuilder sql = new StringBuilder();
        if (!index.valid()) {
            sql.append("-- INVALID in the database it was read from (a CREATE INDEX CONCURRENTLY that failed)\n");
        }
        sql.append("CREATE ")
                .append(index.unique() ? "UNIQUE " : "")
                .append("INDEX ")
                .append(quote(index.name().name()))
                .append(" ON ")
                .append(PostgresNames.qualified(index.table(), home));
        if (index.method() != null && !index.method().equals("btree")) {
            sql.append(" USING ").append(index.method());
        }
        sql.append(" (")
                .append(index.keys().stream().map(this::indexKey).collect(Collectors.joining(", ")))
                .append(')');
        if (!index.include().isEmpty()) {
            sql.append(" INCLUDE ").append(columnList(index.include()));
        }
        if (index.where() != null) {
            sql.append(" WHERE ").append(index.where());
        }
        return sql.toString();
    }

    private String indexKey(IndexKey key) {
        return (key.column() != null ? quote(key.column()) : "(" + key.expression() + ")")
                + (key.collation() != null ? " COLLATE " + quote(key.collation()) : "")
                + (key.opclass() != null ? " " + key.opclass() : "")
                + (key.descending() ? " DESC" : "")
                + (key.nulls() != null ? " NULLS " + key.nulls() : "");
    }

    private List<String> comments(Schema schema, String home) {
        List<String> comments = new ArrayList<>();
        for (Table table : schema.tables()) {
            String name = PostgresNames.qualified(table.name(), home);
            comment(comments, "TABLE " + name, table.comment());
            table.columns()
                    .forEach(column ->
                            comment(comments, "COLUMN " + name + "." + quote(column.name()), column.comment()));
            table.settings()
                    .constraintComments()
                    .forEach((constraint, text) ->
                            comment(comments, "CONSTRAINT " + quote(constraint) + " ON " + name, text));
        }
        for (View view : schema.views()) {
            comment(
                    comments,
                    (view.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + PostgresNames.qualified(view.name(), home),
                    view.comment());
        }
        for (Index index : schema.indexes()) {
            comment(comments, "INDEX " + PostgresNames.qualified(index.name(), home), index.comment());
        }
        for (UserType type : schema.types()) {
            comment(
                    comments,
                    (type.kind() == UserType.Kind.DOMAIN ? "DOMAIN " : "TYPE ")
                            + PostgresNames.qualified(type.name(), home),
                    type.comment());
        }
        for (Routine routine : schema.routines()) {
            comment(
                    comments,
                    "ROUTINE " + PostgresNames.qualified(routine.name(), home) + "(" + routine.arguments() + ")",
                    routine.comment());
        }
        return comments;
    }

    private static void comment(List<String> comments, String target, String text) {
        Optional.ofNullable(text)
                .ifPresent(comment -> comments.add("COMMENT ON " + target + " IS " + PostgresNames.literal(comment)));
    }

    /**
     * Statements, each ending with {@code ;} and a line break, sections apart by a blank line, and a
     * statement that spans lines set apart from its neighbours so it reads as one block.
     */
    private static final class ScriptBuilder {
        private final StringBuilder text = new StringBuilder();
        private boolean sectionOpen;
        private boolean previousSpansLines;

        ScriptBuilder section() {
            sectionOpen = true;
            return this;
        }

        void add(String statement) {
            boolean spansLines = statement.indexOf('\n') >= 0;
            if (!text.isEmpty() && (sectionOpen || spansLines || previousSpansLines)) {
                text.append('\n');
            }
            text.append(statement).append(";\n");
            sectionOpen = false;
            previousSpansLines = spansLines;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
