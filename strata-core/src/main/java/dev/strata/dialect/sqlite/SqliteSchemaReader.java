package dev.strata.dialect.sqlite;

import dev.strata.dialect.sqlite.StoredDefinitions.ColumnDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.ForeignKeyClause;
import dev.strata.dialect.sqlite.StoredDefinitions.IndexDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.KeyDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.TableDefinition;
import dev.strata.dialect.sqlite.StoredDefinitions.ViewDefinition;
import dev.strata.schema.Column;
import dev.strata.schema.ForeignKey;
import dev.strata.schema.Index;
import dev.strata.schema.IndexKey;
import dev.strata.schema.NotCompared;
import dev.strata.schema.PrimaryKey;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Schema;
import dev.strata.schema.Table;
import dev.strata.schema.Trigger;
import dev.strata.schema.UniqueConstraint;
import dev.strata.schema.View;
import dev.strata.schema.VirtualTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@link Schema} of a SQLite database's {@code main} namespace from its catalog: the
 * pragmas for what they report, the stored CREATE statements ({@link StoredDefinitions}) for the
 * rest.
 *
 * <p>Names are compared without regard to case, as SQLite does, and each reference (a foreign key's
 * target, a trigger's table) is spelt as its object's own name, so two databases whose SQL differs
 * only in the case of a reference give equal schemas. Virtual tables are read as their stored CREATE
 * VIRTUAL TABLE text; the shadow tables their modules keep data in (FTS5's {@code x_data},
 * {@code x_idx}, ...) are left out, because creating the virtual table creates them.
 *
 * <p>Not user schema either: SQLite's own {@code sqlite_*} objects, strata's history tables, and the
 * tables of Cloudflare's tools: {@code _cf_*} (a prefix D1 reserves; wrangler's local databases keep
 * {@code _cf_KV} and {@code _cf_METADATA}) and, in a database that has them, wrangler's
 * {@code d1_migrations}. What the model does not describe (an unknown kind of catalog entry, the
 * {@code user_version} and {@code application_id} a migration may set) is listed as not compared.
 */
final class SqliteSchemaReader {

    static final String MAIN = "main";

    /** The module name after USING, past a name that may be quoted in any of SQLite's ways. */
    private static final Pattern VIRTUAL_TABLE = Pattern.compile(
            "^\\s*CREATE\\s+VIRTUAL\\s+TABLE\\s+"
                    + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:\"(?:[^\"]|\"\")*\"|`[^`]*`|\\[[^\\]]*]|[^\\s(]+)\\s*"
                    + "USING\\s+([A-Za-z0-9_]+)",
            Pattern.CASE_INSENSITIVE);

    /** D1 reserves table names with this prefix; wrangler's local databases keep _cf_KV and _cf_METADATA. */
    private static final String CLOUDFLARE_PREFIX = "_cf_";

    private static final String WRANGLER_HISTORY = "d1_migrations";

    private final Connection connection;
    /** Lower-cased names of strata's history tables, which are never part of the schema. */
    private final Set<String> historyTables;
    /** Whether this is a wrangler (miniflare) database, whose d1_migrations table is wrangler's history. */
    private boolean wranglerDatabase;

    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Memo memo;

    SqliteSchemaReader(Connection connection, String historyTable) {
        this(connection, historyTable, false, new Memo());
    }

    /**
     * @param d1History whether wrangler's d1_migrations is kept as strata's history too ({@code history = "d1"})
     * @param memo      what earlier reads of the same session learnt from the pragmas
     */
    SqliteSchemaReader(Connection connection, String historyTable, boolean d1History, Memo memo) {
        this.connection = connection;
        this.memo = memo;
        String lower = key(historyTable);
        this.historyTables = d1History
                ? Set.of(lower, lower + "_meta", lower + "_backfill", "d1_migrations")
                : Set.of(lower, lower + "_meta", lower + "_backfill");
    }

    /** One row of sqlite_schema. */
    private record Entry(String type, String name, String table, String sql) {}

    /** A table as the pragmas report it, before its foreign keys are resolved. */
    private record TableShape(
            String name,
            List<Column> columns,
            PrimaryKey primaryKey,
            TableDefinition definition,
            boolean strict,
            boolean withoutRowid) {}

    /** What the pragmas say of one table: its shape, its foreign_key_list rows by key, its UNIQUE constraints. */
    private record TableFacts(
            TableShape shape, List<List<ForeignKeyRow>> foreignKeys, List<UniqueConstraint> uniques) {}

    /**
     * The pragma answers of the previous read (and the objects built from them), by the stored CREATE
     * text they were asked for.
     *
     * <p>Everything the pragmas report of a table follows from its own CREATE TABLE text, and of an
     * index from its CREATE INDEX text and its table's; SQLite rewrites that text on every ALTER. So an
     * unchanged text gives unchanged answers, and a session that reads the schema after each migration
     * (the shadow database) asks the pragmas only about what the migration changed, instead of about
     * every object each time. Only what the latest read used is kept, so the memo never outgrows the
     * schema. A table the memo knows is not asked about again, not even whether it is a virtual
     * table's shadow table: that would take the same name and CREATE text as the ordinary table it
     * replaced. Not thread-safe, like the session that owns it.
     */
    static final class Memo {
        private final Recall<TableFacts> tables = new Recall<>();
        private final Recall<Index> indexes = new Recall<>();
        private final Recall<View> views = new Recall<>();

        private void keepOnlyUsed() {
            tables.keepOnlyUsed();
            indexes.keepOnlyUsed();
            views.keepOnlyUsed();
        }
    }

    /** Reads one kind of catalog answer; may give null for an object that is not part of the schema. */
    @FunctionalInterface
    private interface CatalogRead<T> {
        T read() throws SQLException;
    }

    /** The answers of one kind of object: those of the previous read, and those the current read used. */
    private static final class Recall<T> {
        private Map<String, T> known = new HashMap<>();
        private Map<String, T> used = new HashMap<>();

        T get(String key, CatalogRead<T> read) throws SQLException {
            T value = known.get(key);
            if (value == null) {
                value = read.read();
            }
            if (value != null) {
                used.put(key, value);
            }
            return value;
        }

        void keepOnlyUsed() {
            known = used;
            used = new HashMap<>();
        }
    }

    Schema read() throws SQLException {
        try {
            Schema schema = readAll();
            memo.keepOnlyUsed();
            return schema;
        } finally {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
        }
    }

    /**
     * Runs a query, preparing it once per read: the pragmas are asked once per table and index, and
     * preparing them again each time costs more than running them.
     */
    private ResultSet query(String sql, String... parameters) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement.executeQuery();
    }

    private Schema readAll() throws SQLException {
        List<Entry> entries = entries();
        List<VirtualTable> virtualTables = new ArrayList<>();
        List<NotCompared> notCompared = new ArrayList<>();
        // Keyed by lower-cased name: references in SQL may spell a table in any case.
        Map<String, TableFacts> facts = new TreeMap<>();
        Map<String, TableShape> shapes = new TreeMap<>();
        Map<String, String> tableSql = new HashMap<>();
        for (Entry entry : entries) {
            if (!entry.type().equals("table")) {
                continue;
            }
            Optional<String> module = virtualTableModule(entry.sql());
            if (module.isPresent()) {
                virtualTables.add(new VirtualTable(qualified(entry.name()), module.get(), entry.sql()));
                continue;
            }
            TableFacts read = memo.tables.get(entry.name() + '\0' + entry.sql(), () -> tableFacts(entry));
            if (read == null) {
                continue; // a virtual table or one of its shadow tables
            }
            facts.put(key(entry.name()), read);
            shapes.put(key(entry.name()), read.shape());
            tableSql.put(key(entry.name()), entry.sql());
        }
        List<Table> tables = new ArrayList<>();
        for (TableFacts table : facts.values()) {
            TableShape shape = table.shape();
            tables.add(new Table(
                    qualified(shape.name()),
                    shape.columns(),
                    shape.primaryKey(),
                    foreignKeys(shape, table.foreignKeys(), shapes),
                    shape.definition().checks(),
                    table.uniques(),
                    shape.strict(),
                    shape.withoutRowid(),
                    null));
        }
        List<View> views = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        for (Entry entry : entries) {
            switch (entry.type()) {
                case "view" ->
                    views.add(memo.views.get(entry.name() + '\0' + entry.sql(), () -> {
                        ViewDefinition definition = StoredDefinitions.view(entry.sql());
                        return new View(
                                qualified(entry.name()), definition.select(), false, null, definition.columns());
                    }));
                case "index" -> {
                    if (entry.sql() != null && shapes.containsKey(key(entry.table()))) {
                        String table = shapes.get(key(entry.table())).name();
                        indexes.add(memo.indexes.get(
                                entry.name() + '\0' + entry.sql() + '\0' + tableSql.get(key(entry.table())),
                                () -> index(entry, table)));
                    }
                }
                case "trigger" ->
                    triggers.add(new Trigger(
                            qualified(entry.name()), qualified(spelling(entry.table(), shapes, entries)), entry.sql()));
                case "table" -> {
                    // read above
                }
                default -> notCompared.add(new NotCompared(entry.type(), entry.name()));
            }
        }
        for (String setting : List.of("user_version", "application_id")) {
            long value = pragmaNumber(setting);
            if (value != 0) {
                notCompared.add(new NotCompared("pragma", setting + " = " + value));
            }
        }
        return new Schema(
                "sqlite",
                MAIN,
                List.of(),
                tables,
                views,
                indexes,
                triggers,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                virtualTables,
                List.of(),
                List.of(),
                List.of(),
                notCompared);
    }

    private long pragmaNumber(String pragma) throws SQLException {
        try (ResultSet rows = query("PRAGMA main." + pragma)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    /**
     * The module of a CREATE VIRTUAL TABLE text ({@code fts5}), or empty for any other table. SQLite
     * stores the statement's first words as {@code CREATE VIRTUAL TABLE} whatever the user typed.
     */
    static Optional<String> virtualTableModule(String sql) {
        if (sql == null) {
            return Optional.empty();
        }
        Matcher matcher = VIRTUAL_TABLE.matcher(sql);
        return matcher.find() ? Optional.of(matcher.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private List<Entry> entries() throws SQLException {
        List<Entry> all = new ArrayList<>();
        try (ResultSet rows = query("SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY type, name")) {
            while (rows.next()) {
                all.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        wranglerDatabase = all.stream()
                .anyMatch(entry ->
                        entry.type().equals("table") && key(entry.name()).startsWith(CLOUDFLARE_PREFIX));
        return all.stream()
                .filter(entry -> !isInternal(entry.name()) && !isInternal(entry.table()))
                .toList();
    }

    /**
     * SQLite's own objects (sqlite_sequence, sqlite_stat1, automatic indexes), strata's history tables,
     * and Cloudflare's: {@code _cf_*}, and wrangler's {@code d1_migrations} next to them.
     */
    private boolean isInternal(String name) {
        String lower = key(name);
        return lower.startsWith("sqlite_")
                || historyTables.contains(lower)
                || lower.startsWith(CLOUDFLARE_PREFIX)
                || (wranglerDatabase && lower.equals(WRANGLER_HISTORY));
    }

    /** @param type {@code table}, {@code view}, {@code virtual} or {@code shadow} */
    private record TableOptions(String type, boolean withoutRowid, boolean strict) {}

    /** Asked per table, and only of tables the memo does not know: the whole table_list costs as much as all of them. */
    private TableOptions tableOptions(String table) throws SQLException {
        try (ResultSet rows = query("SELECT type, wr, strict FROM pragma_table_list(?) WHERE schema = 'main'", table)) {
            return rows.next() ? new TableOptions(rows.getString(1), rows.getInt(2) != 0, rows.getInt(3) != 0) : null;
        }
    }

    private TableShape shape(Entry entry, TableOptions options) throws SQLException {
        TableDefinition definition = StoredDefinitions.table(entry.sql());
        List<Column> columns = new ArrayList<>();
        Map<Integer, String> keyColumns = new TreeMap<>();
        try (ResultSet rows = query(
                "SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                        + " FROM pragma_table_xinfo(?, 'main') ORDER BY cid",
                entry.name())) {
            while (rows.next()) {
                String name = rows.getString(1);
                ColumnDefinition declared = definition.column(name);
                int hidden = rows.getInt(6);
                Column.Generated generated = hidden == 2 || hidden == 3 ? declared.generated() : null;
                String defaultValue = rows.getString(4);
                columns.add(new Column(
                        name,
                        rows.getString(2),
                        rows.getInt(3) != 0,
                        defaultValue == null
                                ? null
                                : StatementTokens.of(defaultValue).fragment(0, Integer.MAX_VALUE),
                        declared.collation(),
                        generated,
                        null,
                        null));
                if (rows.getInt(5) > 0) {
                    keyColumns.put(rows.getInt(5), name);
                }
            }
        }
        PrimaryKey primaryKey = keyColumns.isEmpty()
                ? null
                : new PrimaryKey(null, List.copyOf(keyColumns.values()), definition.autoincrement());
        return new TableShape(entry.name(), columns, primaryKey, definition, options.strict(), options.withoutRowid());
    }

    /** A row of foreign_key_list; {@code to} is null when the SQL left the target columns out. */
    private record ForeignKeyRow(String table, String from, String to, String onDelete, String onUpdate) {}

    /** The pragmas' answers about a table; null for a virtual table or one of its shadow tables. */
    private TableFacts tableFacts(Entry entry) throws SQLException {
        TableOptions options = tableOptions(entry.name());
        if (options == null || !options.type().equals("table")) {
            return null;
        }
        TableShape shape = shape(entry, options);
        return new TableFacts(shape, foreignKeyRows(shape.name()), uniques(shape.name()));
    }

    private List<List<ForeignKeyRow>> foreignKeyRows(String table) throws SQLException {
        Map<Integer, List<ForeignKeyRow>> groups = new TreeMap<>();
        try (ResultSet rows = query(
                "SELECT id, \"table\", \"from\", \"to\", on_delete, on_update"
                        + " FROM pragma_foreign_key_list(?, 'main') ORDER BY id, seq",
                table)) {
            while (rows.next()) {
                groups.computeIfAbsent(rows.getInt(1), id -> new ArrayList<>())
                        .add(new ForeignKeyRow(
                                rows.getString(2),
                                rows.getString(3),
                                rows.getString(4),
                                rows.getString(5),
                                rows.getString(6)));
            }
        }
        return List.copyOf(groups.values());
    }

    /** Resolves the foreign_key_list rows against the tables they point at, which may have changed since. */
    private static List<ForeignKey> foreignKeys(
            TableShape shape, List<List<ForeignKeyRow>> groups, Map<String, TableShape> shapes) {
        List<ForeignKeyClause> unmatched = new ArrayList<>(shape.definition().foreignKeys());
        List<ForeignKey> keys = new ArrayList<>();
        for (List<ForeignKeyRow> group : groups) {
            ForeignKeyRow first = group.get(0);
            List<String> columns = group.stream().map(ForeignKeyRow::from).toList();
            List<String> writtenTargetColumns =
                    group.stream().map(ForeignKeyRow::to).toList();
            TableShape target = shapes.get(key(first.table()));
            List<String> targetColumns = writtenTargetColumns.contains(null)
                    ? (target == null || target.primaryKey() == null
                            ? List.of()
                            : target.primaryKey().columns())
                    : writtenTargetColumns.stream()
                            .map(column -> columnSpelling(column, target))
                            .toList();
            ForeignKeyClause clause = claim(unmatched, columns, first.table(), writtenTargetColumns);
            keys.add(new ForeignKey(
                    null,
                    columns,
                    qualified(target == null ? first.table() : target.name()),
                    targetColumns,
                    ReferentialAction.parse(first.onDelete()),
                    ReferentialAction.parse(first.onUpdate()),
                    clause != null && clause.deferrable(),
                    clause != null && clause.initiallyDeferred(),
                    true));
        }
        return keys;
    }

    /** Takes the REFERENCES clause of the SQL that the pragma's key came from out of {@code unmatched}. */
    private static ForeignKeyClause claim(
            List<ForeignKeyClause> unmatched, List<String> columns, String target, List<String> targetColumns) {
        for (ForeignKeyClause clause : unmatched) {
            boolean sameTarget = sameName(clause.target(), target);
            boolean sameColumns = sameNames(clause.columns(), columns)
                    && (clause.targetColumns().isEmpty()
                            ? targetColumns.contains(null)
                            : sameNames(clause.targetColumns(), targetColumns));
            if (sameTarget && sameColumns) {
                unmatched.remove(clause);
                return clause;
            }
        }
        return null;
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == null || !sameName(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** UNIQUE constraints: the automatic indexes SQLite made for them (origin {@code u}). */
    private List<UniqueConstraint> uniques(String table) throws SQLException {
        List<UniqueConstraint> uniques = new ArrayList<>();
        for (String index : indexNames(table, "u")) {
            uniques.add(new UniqueConstraint(
                    null,
                    indexColumns(index).stream()
                            .filter(IndexColumn::key)
                            .map(IndexColumn::name)
                            .toList()));
        }
        return uniques;
    }

    private List<String> indexNames(String table, String origin) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows =
                query("SELECT name FROM pragma_index_list(?, 'main') WHERE origin = ? ORDER BY name", table, origin)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** A row of index_xinfo; {@code name} is null for an expression key. */
    private record IndexColumn(int cid, String name, boolean descending, boolean key) {}

    private List<IndexColumn> indexColumns(String index) throws SQLException {
        List<IndexColumn> columns = new ArrayList<>();
        try (ResultSet rows = query(
                "SELECT cid, name, \"desc\", key FROM pragma_index_xinfo(?, 'main')" + " ORDER BY seqno", index)) {
            while (rows.next()) {
                columns.add(
                        new IndexColumn(rows.getInt(1), rows.getString(2), rows.getInt(3) != 0, rows.getInt(4) != 0));
            }
        }
        return columns;
    }

    private Index index(Entry entry, String table) throws SQLException {
        boolean unique;
        try (ResultSet rows =
                query("SELECT \"unique\" FROM pragma_index_list(?, 'main') WHERE name = ?", table, entry.name())) {
            unique = rows.next() && rows.getInt(1) != 0;
        }
        IndexDefinition definition = StoredDefinitions.index(entry.sql());
        List<IndexColumn> columns =
                indexColumns(entry.name()).stream().filter(IndexColumn::key).toList();
        List<IndexKey> keys = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            IndexColumn column = columns.get(i);
            KeyDefinition written =
                    i < definition.keys().size() ? definition.keys().get(i) : null;
            String collation = written == null ? null : written.collation();
            if (column.cid() == -2) {
                keys.add(new IndexKey(null, written == null ? "?" : written.text(), column.descending(), collation));
            } else {
                String name = column.cid() == -1 ? "rowid" : column.name();
                keys.add(new IndexKey(name, null, column.descending(), collation));
            }
        }
        return new Index(qualified(entry.name()), qualified(table), unique, keys, definition.where(), null, true, null);
    }

    /** The name of the table or view {@code written} refers to, as that object spells it. */
    private static String spelling(String written, Map<String, TableShape> shapes, List<Entry> entries) {
        TableShape table = shapes.get(key(written));
        if (table != null) {
            return table.name();
        }
        return entries.stream()
                .filter(entry -> sameName(entry.name(), written))
                .map(Entry::name)
                .findFirst()
                .orElse(written);
    }

    private static String columnSpelling(String written, TableShape table) {
        if (table == null) {
            return written;
        }
        return table.columns().stream()
                .map(Column::name)
                .filter(name -> sameName(name, written))
                .findFirst()
                .orElse(written);
    }

    static boolean sameName(String a, String b) {
        return b != null && key(a).equals(key(b));
    }

    /** SQLite folds only ASCII letters when it compares names. */
    static String key(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    private static QualifiedName qualified(String name) {
        return new QualifiedName(MAIN, name);
    }
}
