package dev.strata.dialect.sqlite;

import dev.strata.config.HistoryMirror;
import dev.strata.dialect.ForeignHistoryReader;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.Identifiers;
import dev.strata.dialect.JdbcDatabase;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.MirrorTable;
import dev.strata.dialect.QueryPlanner;
import dev.strata.dialect.WaitListener;
import dev.strata.history.HistoryColumnTypes;
import dev.strata.history.HistoryTable;
import dev.strata.schema.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session on a SQLite file.
 *
 * <p>SQLite has no session lock that other processes can wait on, but it has one writer at a time:
 * every migration runs in a {@code BEGIN IMMEDIATE} transaction that checks the history table before
 * it runs anything, so concurrent processes serialise on the write lock and each migration is
 * applied once. The busy handler {@link SqliteConnections} sets waits for the lock and tells the user.
 */
final class SqliteDatabase extends JdbcDatabase {

    private static final HistoryColumnTypes TYPES = new HistoryColumnTypes("TEXT", "TEXT", true, "INTEGER", "INTEGER");
    private static final Pattern DRIVER_MESSAGE =
            Pattern.compile("^\\[(\\w+)]\\s+[^(]*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private final String historyName;
    private final MirrorTable mirror;
    /** Lets a session that reads the schema again and again (the shadow) ask only about what changed. */
    private final SqliteSchemaReader.Memo schemaMemo = new SqliteSchemaReader.Memo();
    /** sqlite-jdbc stays in autocommit mode; transactions are opened by hand, so their state is tracked here. */
    private boolean inTransaction;
    /** PRAGMA data_version when this session last read the whole history; null when unknown or stale. */
    private Long dataVersion;

    /** How long this session waits for another connection's lock; named when it gave up. */
    private final Duration maximumWait;

    /**
     * @param connection  opened by {@link SqliteConnections}, which also set how it waits for locks
     * @param maximumWait how long {@code connection} waits for another connection's lock
     */
    SqliteDatabase(
            Connection connection,
            String description,
            HistorySettings settings,
            WaitListener waits,
            Duration maximumWait) {
        super(
                connection,
                description,
                new HistoryTable(
                        Identifiers.quote(settings.table()), Identifiers.quote(settings.table() + "_meta"), TYPES),
                waits);
        this.historyName = settings.table();
        this.mirror = settings.mirror() == HistoryMirror.D1 ? new D1MigrationsTable() : MirrorTable.NONE;
        this.maximumWait = maximumWait;
    }

    @Override
    protected boolean historyExists() throws SQLException {
        return tableExists(historyName);
    }

    /**
     * Temporary triggers of this session count every row written to the history tables, in a
     * temporary table (nothing is stored in the database file, and they end with the session); the
     * tables' columns from table_info show a drop, rename or added column. Both are lookups, never a
     * scan of the history. The triggers are made again when missing, because a rolled-back
     * transaction takes their creation back with it.
     */
    @Override
    protected Optional<String> historyWriteMark(boolean inTransaction) throws SQLException {
        List<String> tables = new java.util.ArrayList<>(List.of(historyName, historyName + "_meta"));
        if (mirror != MirrorTable.NONE) {
            tables.add("d1_migrations");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS strata_history_writes (n INTEGER NOT NULL)");
            statement.execute("INSERT INTO temp.strata_history_writes (n) SELECT 0"
                    + " WHERE NOT EXISTS (SELECT 1 FROM temp.strata_history_writes)");
            StringBuilder mark = new StringBuilder();
            for (String table : tables) {
                String columns = columnsOf(table);
                mark.append(table).append('(').append(columns).append(") ");
                if (columns.isEmpty()) {
                    continue;
                }
                for (String operation : List.of("INSERT", "UPDATE", "DELETE")) {
                    statement.execute("CREATE TEMP TRIGGER IF NOT EXISTS "
                            + Identifiers.quote(
                                    "strata_guard_" + operation.toLowerCase(java.util.Locale.ROOT) + "_" + table)
                            + " AFTER " + operation + " ON main." + Identifiers.quote(table)
                            + " BEGIN UPDATE strata_history_writes SET n = n + 1; END");
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT n FROM temp.strata_history_writes")) {
                rows.next();
                mark.append("writes ").append(rows.getLong(1));
            }
            return Optional.of(mark.toString());
        }
    }

    private String columnsOf(String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' || pk, ', ')"
                        + " FROM pragma_table_info(?, 'main')")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getString(1) != null ? rows.getString(1) : "";
            }
        }
    }

    @Override
    protected String backfillTableName() {
        return Identifiers.quote(historyName + "_backfill");
    }

    @Override
    protected boolean backfillTableExists() throws SQLException {
        return tableExists(historyName + "_backfill");
    }

    /** Every SQLite table but a WITHOUT ROWID one has the rowid (an INTEGER PRIMARY KEY is that rowid). */
    @Override
    protected String backfillKey(dev.strata.sql.Backfill backfill) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet ignored = statement.executeQuery("SELECT rowid FROM " + backfill.table() + " LIMIT 0")) {
            return "rowid";
        } catch (SQLException e) {
            throw new dev.strata.dialect.DatabaseException("a backfill walks the table " + backfill.table()
                    + " by its rowid, and SQLite can't read one (" + databaseMessage(e) + "): it is missing, a view,"
                    + " or a WITHOUT ROWID table. Backfill a table that has a rowid, or run the UPDATE in a"
                    + " migration of its own without the directive.");
        }
    }

    @Override
    protected boolean metaExists() throws SQLException {
        return tableExists(historyName + "_meta");
    }

    private boolean tableExists(String name) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    protected MirrorTable mirror() {
        return mirror;
    }

    @Override
    protected ForeignHistoryReader.Catalog catalog() {
        return new ForeignHistoryReader.Catalog() {
            @Override
            public java.util.Optional<String> find(String table) throws SQLException {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                    query.setString(1, table);
                    try (ResultSet rows = query.executeQuery()) {
                        return rows.next()
                                ? java.util.Optional.of(Identifiers.quote(table))
                                : java.util.Optional.empty();
                    }
                }
            }

            @Override
            public java.util.Set<String> columns(String table) throws SQLException {
                java.util.Set<String> columns = new java.util.HashSet<>();
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rows.next()) {
                        columns.add(rows.getString("name").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                return columns;
            }
        };
    }

    @Override
    protected void begin() throws SQLException {
        // IMMEDIATE takes the write lock now, so two processes never both read the history and then
        // both try to write it.
        execute("BEGIN IMMEDIATE");
        inTransaction = true;
    }

    @Override
    protected void commit() throws SQLException {
        execute("COMMIT");
        inTransaction = false;
    }

    @Override
    protected void rollback() throws SQLException {
        if (inTransaction) {
            inTransaction = false;
            execute("ROLLBACK");
        }
    }

    @Override
    protected void historyObserved() throws SQLException {
        dataVersion = dataVersion();
    }

    @Override
    protected boolean historyUnchangedByOthers() throws SQLException {
        if (dataVersion == null) {
            return false;
        }
        if (dataVersion() != dataVersion) {
            dataVersion = null; // what this session read is stale until it reads the history again
            return false;
        }
        return true;
    }

    /** Moves whenever another connection commits a change to the file; never for this connection's own. */
    private long dataVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA data_version")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    protected String currentUser() {
        return System.getProperty("user.name", "unknown");
    }

    @Override
    protected boolean checksHistoryInsideTransaction() {
        return true;
    }

    /**
     * {@code PRAGMA foreign_keys} is a no-op inside a transaction, so it is switched here, before
     * BEGIN, and switched back after COMMIT or ROLLBACK; this is steps 1 and 12 of SQLite's
     * procedure for changing a table (lang_altertable.html, section 7).
     */
    @Override
    protected java.util.Optional<ForeignKeyRestore> suspendForeignKeys() throws SQLException {
        boolean wasOn;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA foreign_keys")) {
            wasOn = result.next() && result.getInt(1) == 1;
        }
        if (!wasOn) {
            return java.util.Optional.empty();
        }
        execute("PRAGMA foreign_keys = OFF");
        return java.util.Optional.of(() -> execute("PRAGMA foreign_keys = ON"));
    }

    @Override
    protected List<String> foreignKeyViolations(int limit, long[] count) throws SQLException {
        List<String> rows = new java.util.ArrayList<>();
        count[0] = 0;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (result.next()) {
                count[0]++;
                if (rows.size() < limit) {
                    rows.add("table = " + result.getString(1) + ", rowid = " + result.getString(2) + ", parent = "
                            + result.getString(3) + " (foreign key " + result.getString(4) + ")");
                }
            }
        }
        return rows;
    }

    @Override
    public List<String> healthProblems() {
        try {
            return SqliteHealthCheck.problems(connection);
        } catch (SQLException e) {
            throw failure("could not run the health checks", e);
        }
    }

    @Override
    public void dropEverything() {
        try {
            SqliteReset.dropEverything(connection);
        } catch (SQLException e) {
            throw failure("could not empty the shadow database", e);
        }
    }

    @Override
    public List<String> resetObjects(boolean everything, java.util.Set<String> keep) {
        try {
            return SqliteReset.objects(connection, keep).stream()
                    .map(SqliteReset.Dropped::describe)
                    .toList();
        } catch (SQLException e) {
            throw failure("could not list what reset drops", e);
        }
    }

    @Override
    public List<String> reset(boolean everything, java.util.Set<String> keep) {
        try {
            // Off before the transaction: inside one SQLite ignores the pragma.
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA foreign_keys = OFF");
            }
            return inTransaction(() -> {
                List<SqliteReset.Dropped> objects = SqliteReset.objects(connection, keep);
                SqliteReset.drop(connection, objects);
                return objects.stream().map(SqliteReset.Dropped::describe).toList();
            });
        } catch (SQLException e) {
            throw failure("could not reset the database; nothing was dropped", e);
        }
    }

    @Override
    public MigrationLock lock() {
        // The write transaction of each migration is the lock; see the class comment.
        return () -> {};
    }

    @Override
    protected String databaseWords(SQLException e) {
        String message = super.databaseWords(e);
        Matcher matcher = DRIVER_MESSAGE.matcher(message);
        if (!matcher.matches()) {
            return message;
        }
        String code = matcher.group(1);
        // How long strata waited belongs to the message itself; who holds the lock is the hint.
        boolean busy = code.startsWith("SQLITE_BUSY") || code.equals("SQLITE_LOCKED");
        return matcher.group(2) + " [" + code + "]" + (busy ? "; " + SqliteConnections.gaveUp(maximumWait) : "");
    }

    @Override
    protected dev.strata.dialect.ErrorHints errorHints() {
        return SqliteDialect.HINTS;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public dev.strata.costs.CostReport costs() {
        try {
            return SqliteCosts.read(connection, description());
        } catch (SQLException e) {
            throw failure("could not read the sizes and statistics", e);
        }
    }

    @Override
    public QueryPlanner queryPlanner() {
        // A database that another process keeps locked is no query's fault: it fails here, once, as the
        // database's failure, instead of once per query as a query the engine could not plan.
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
            rows.next();
        } catch (SQLException e) {
            throw failure("could not read the schema", e);
        }
        return new SqliteQueryPlanner(connection, this::databaseMessage);
    }

    @Override
    public Schema schema() {
        try {
            // One read transaction, so every pragma sees the same snapshot while others may write.
            execute("BEGIN");
            try {
                return new SqliteSchemaReader(connection, historyName, mirror != MirrorTable.NONE, schemaMemo).read();
            } finally {
                execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw failure("could not read the schema", e);
        }
    }

    /** SQLite's quote() writes integers bare, reals, text in quotes and blobs as {@code X'..'}. */
    @Override
    protected String literalOf(dev.strata.schema.Column column, String quoted) {
        return "quote(" + quoted + ")";
    }

    /** AUTOINCREMENT counters: a row of sqlite_sequence per table, which a baseline's INSERTs may leave lower. */
    @Override
    public List<String> counterPositions() {
        List<String> statements = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")) {
                if (!exists.next()) {
                    return List.of();
                }
            }
            try (ResultSet rows =
                    statement.executeQuery("SELECT quote(name), seq FROM sqlite_sequence ORDER BY name")) {
                while (rows.next()) {
                    statements.add("DELETE FROM sqlite_sequence WHERE name = " + rows.getString(1));
                    statements.add("INSERT INTO sqlite_sequence (name, seq) VALUES (" + rows.getString(1) + ", "
                            + rows.getLong(2) + ")");
                }
            }
        } catch (SQLException e) {
            throw failure("could not read the AUTOINCREMENT counters", e);
        }
        return List.copyOf(statements);
    }
}
