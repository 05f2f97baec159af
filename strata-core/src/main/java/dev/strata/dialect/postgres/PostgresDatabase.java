package dev.strata.dialect.postgres;

import dev.strata.dialect.DatabaseException;
import dev.strata.dialect.ForeignHistoryReader;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.Identifiers;
import dev.strata.dialect.IndexUsage;
import dev.strata.dialect.JdbcDatabase;
import dev.strata.dialect.MigrationLock;
import dev.strata.dialect.QueryPlanner;
import dev.strata.dialect.SampleValues;
import dev.strata.dialect.WaitListener;
import dev.strata.history.HistoryColumnTypes;
import dev.strata.history.HistoryTable;
import dev.strata.schema.Column;
import dev.strata.schema.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session on a PostgreSQL database.
 *
 * <p>The migration lock is a session-level advisory lock: it is held by the connection, not stored
 * in a table, so a process that dies releases it with its session and nothing is left stuck.
 */
public final class PostgresDatabase extends JdbcDatabase {

    /** Column types whose values a squash baseline writes without quotes. */
    private static final java.util.Set<String> INTEGER_TYPES = java.util.Set.of("smallint", "integer", "bigint");

    private static final HistoryColumnTypes TYPES =
            new HistoryColumnTypes("TEXT", "TIMESTAMPTZ", false, "BIGINT", "BOOLEAN");

    /** What this session's previous schema read found: the shadow reads its schema after every migration. */
    private final PostgresSchemaMemo schemaMemo = new PostgresSchemaMemo();
    /** Reads of the schema made before giving up while other sessions keep dropping what it lists. */
    private static final int SCHEMA_READ_ATTEMPTS = 3;

    private final String schema;
    private final boolean schemaConfigured;
    private final boolean oneSchema;
    private final String historyTable;
    private final String qualifiedHistory;
    private final long lockKey;
    /** While the advisory lock is held, no other strata session writes the history. */
    private boolean locked;
    /** Who holds the locks a statement waits for, asked from a second session. */
    private final PostgresBlockers blockers;
    /** This session's server process, for pg_blocking_pids; read on first need. */
    private int pid;

    /**
     * @param oneSchema    the database is the session's current schema alone, one among others (a
     *                     fleet's tenant, {@link dev.strata.config.DatabaseUrl#onlySchema()}): the schema
     *                     model and the health checks look at that schema only
     * @param sideSessions opens another session on the same database, to name lock blockers
     */
    PostgresDatabase(
            Connection connection,
            String description,
            HistorySettings settings,
            boolean oneSchema,
            WaitListener waits,
            java.util.function.Supplier<Connection> sideSessions)
            throws SQLException {
        this(
                connection,
                description,
                settings,
                resolveSchema(connection, settings.schema(), description),
                oneSchema,
                waits,
                sideSessions);
    }

    private PostgresDatabase(
            Connection connection,
            String description,
            HistorySettings settings,
            String schema,
            boolean oneSchema,
            WaitListener waits,
            java.util.function.Supplier<Connection> sideSessions) {
        super(
                connection,
                description,
                new HistoryTable(qualify(schema, settings.table()), qualify(schema, settings.table() + "_meta"), TYPES),
                waits);
        this.schema = schema;
        this.schemaConfigured = settings.schema().isPresent();
        this.oneSchema = oneSchema;
        this.historyTable = settings.table();
        this.qualifiedHistory = qualify(schema, settings.table());
        this.lockKey = lockKey(schema + "." + settings.table());
        this.blockers = new PostgresBlockers(sideSessions);
    }

    /** SET LOCAL: the limits end with the migration's transaction, and never reach other work of the session. */
    @Override
    protected void limitTransaction(
            Optional<java.time.Duration> lockTimeout, Optional<java.time.Duration> statementTimeout)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (lockTimeout.isPresent()) {
                statement.execute(
                        "SET LOCAL lock_timeout = '" + lockTimeout.get().toMillis() + "ms'");
            }
            if (statementTimeout.isPresent()) {
                statement.execute("SET LOCAL statement_timeout = '"
                        + statementTimeout.get().toMillis() + "ms'");
            }
        }
    }

    /** 55P03 lock_not_available: lock_timeout expired (or NOWAIT found the lock taken). */
    @Override
    protected boolean lockTimedOut(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    @Override
    protected dev.strata.dialect.BlockerWatch watchBlockers(java.time.Duration lockTimeout) {
        try {
            if (pid == 0) {
                pid = Integer.parseInt(queryString("SELECT pg_backend_pid()"));
            }
        } catch (SQLException | NumberFormatException e) {
            return dev.strata.dialect.BlockerWatch.NONE;
        }
        return blockers.watch(pid, lockTimeout);
    }

    @Override
    public void close() {
        blockers.close();
        super.close();
    }

    @Override
    public void ensureHistory() {
        if (schemaConfigured) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            } catch (SQLException e) {
                throw failure("could not create schema " + schema, e);
            }
        }
        super.ensureHistory();
    }

    @Override
    protected boolean historyExists() throws SQLException {
        return relationExists(qualifiedHistory);
    }

    @Override
    protected String backfillTableName() {
        return qualify(schema, historyTable + "_backfill");
    }

    @Override
    protected boolean backfillTableExists() throws SQLException {
        return relationExists(backfillTableName());
    }

    /**
     * The table's primary key, when it is one column of an integer type: the batches are ranges of it.
     * PostgreSQL has no rowid (a ctid moves when a row is updated), so a table without such a key is
     * refused with what to do.
     */
    @Override
    protected String backfillKey(dev.strata.sql.Backfill backfill) throws SQLException {
        String refused = "a backfill walks the table " + backfill.table() + " in ranges of its primary key, which must"
                + " be one column of type smallint, integer or bigint; ";
        String todo = " Give the table such a key, or run the UPDATE in batches of your own (a migration per range)"
                + " without the directive.";
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL,"
                + " (SELECT count(*) FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisprimary),"
                + " (SELECT i.indnatts FROM pg_index i WHERE i.indrelid = to_regclass(?) AND i.indisprimary),"
                + " (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = i.indkey[0] WHERE i.indrelid = to_regclass(?) AND i.indisprimary),"
                + " (SELECT format_type(a.atttypid, NULL) FROM pg_index i JOIN pg_attribute a ON a.attrelid ="
                + " i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = to_regclass(?) AND i.indisprimary)")) {
            for (int i = 1; i <= 5; i++) {
                query.setString(i, backfill.table());
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    throw new DatabaseException(refused + "there is no such table." + todo);
                }
                if (rows.getLong(2) == 0) {
                    throw new DatabaseException(refused + backfill.table() + " has no primary key." + todo);
                }
                if (rows.getInt(3) != 1) {
                    throw new DatabaseException(refused + "its primary key has " + rows.getInt(3) + " columns." + todo);
                }
                String type = rows.getString(5);
                if (!java.util.Set.of("smallint", "integer", "bigint").contains(type)) {
                    throw new DatabaseException(
                            refused + "its primary key " + rows.getString(4) + " is of type " + type + "." + todo);
                }
                return Identifiers.quote(rows.getString(4));
            }
        }
    }

    @Override
    public Optional<String> backfillRefusal(dev.strata.sql.Backfill backfill) {
        try {
            if (!relationExists(backfill.table())) {
                return Optional.empty();
            }
            backfillKey(backfill);
            return Optional.empty();
        } catch (DatabaseException e) {
            return Optional.of(e.getMessage());
        } catch (SQLException e) {
            throw failure("could not read the primary key of " + backfill.table(), e);
        }
    }

    @Override
    protected boolean metaExists() throws SQLException {
        return relationExists(qualify(schema, historyTable + "_meta"));
    }

    private boolean relationExists(String qualified) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, qualified);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** Other tools make their tables in the session's current schema, which search_path resolves. */
    @Override
    protected ForeignHistoryReader.Catalog catalog() {
        return new ForeignHistoryReader.Catalog() {
            @Override
            public Optional<String> find(String table) throws SQLException {
                try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                    query.setString(1, Identifiers.quote(table));
                    try (ResultSet rows = query.executeQuery()) {
                        rows.next();
                        return rows.getBoolean(1) ? Optional.of(Identifiers.quote(table)) : Optional.empty();
                    }
                }
            }

            @Override
            public java.util.Set<String> columns(String table) throws SQLException {
                java.util.Set<String> columns = new java.util.HashSet<>();
                try (PreparedStatement query = connection.prepareStatement("SELECT attname FROM pg_attribute"
                        + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
                    query.setString(1, table);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            columns.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
                        }
                    }
                }
                return columns;
            }
        };
    }

    @Override
    protected void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    protected void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    @Override
    protected void rollback() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Override
    protected String currentUser() throws SQLException {
        return queryString("SELECT current_user");
    }

    @Override
    protected boolean checksHistoryInsideTransaction() {
        return false;
    }

    @Override
    protected boolean historyUnchangedByOthers() {
        return locked;
    }

    @Override
    public List<String> healthProblems() {
        try {
            return PostgresHealthCheck.problems(connection, oneSchema);
        } catch (SQLException e) {
            throw failure("could not run the health checks", e);
        }
    }

    @Override
    public List<String> droppedBeyondTheSchema() {
        try {
            return PostgresReset.schemasDropped(connection);
        } catch (SQLException e) {
            throw failure("could not list the schemas of the shadow database", e);
        }
    }

    @Override
    public void dropEverything() {
        try {
            PostgresReset.dropEverything(connection);
        } catch (SQLException e) {
            throw failure("could not empty the shadow database", e);
        }
    }

    @Override
    public List<String> resetObjects(boolean everything, java.util.Set<String> keep) {
        try {
            return PostgresReset.objects(connection, resetSchemas(everything), keep).stream()
                    .map(object -> object[1])
                    .toList();
        } catch (SQLException e) {
            throw failure("could not list what reset drops", e);
        }
    }

    @Override
    public List<String> reset(boolean everything, java.util.Set<String> keep) {
        try {
            return inTransaction(() -> {
                List<String> dropped = new java.util.ArrayList<>();
                if (everything) {
                    dropped.addAll(droppedBeyondTheSchema());
                }
                List<String[]> objects = PostgresReset.objects(connection, resetSchemas(everything), keep);
                objects.forEach(object -> dropped.add(object[1]));
                if (everything) {
                    PostgresReset.dropEverything(connection);
                } else {
                    PostgresReset.drop(connection, objects);
                }
                return dropped;
            });
        } catch (SQLException e) {
            throw failure("could not reset the database; nothing was dropped", e);
        }
    }

    /** The schemas reset empties: the current one and the history's, or with everything every user schema. */
    private List<String> resetSchemas(boolean everything) throws SQLException {
        List<String> schemas = new java.util.ArrayList<>();
        String sql = everything
                ? "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
                : "SELECT current_schema()";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                if (rows.getString(1) != null) {
                    schemas.add(rows.getString(1));
                }
            }
        }
        if (!schemas.contains(schema)) {
            schemas.add(schema);
        }
        return schemas;
    }

    @Override
    public MigrationLock lock() {
        try {
            if (!queryBoolean("SELECT pg_try_advisory_lock(" + lockKey + ")")) {
                waits.waiting("another strata process holds the migration lock on " + description() + " (advisory lock "
                        + lockKey + "); waiting for it to finish");
                queryString("SELECT pg_advisory_lock(" + lockKey + ")::text");
            }
        } catch (SQLException e) {
            throw failure("could not take the migration lock", e);
        }
        locked = true;
        return () -> {
            locked = false;
            try {
                queryBoolean("SELECT pg_advisory_unlock(" + lockKey + ")");
            } catch (SQLException e) {
                // The lock is freed with the session when the connection closes right after this.
            }
        };
    }

    @Override
    public List<String> leftovers() {
        List<String> found = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT n.nspname, c.relname, t.relname"
                        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT i.indisvalid ORDER BY 1, 2")) {
            while (rows.next()) {
                found.add("INVALID index " + rows.getString(1) + "." + rows.getString(2) + " on table "
                        + rows.getString(3) + " (drop it with DROP INDEX CONCURRENTLY, or REINDEX it)");
            }
        } catch (SQLException e) {
            throw failure("could not look for leftovers", e);
        }
        return found;
    }

    /**
     * Inside a transaction, the server counts the rows this transaction inserted, updated and deleted
     * in each table (pg_stat_get_xact_*), without scanning them; a new file node means a TRUNCATE or a
     * rewrite, and the column count an added or dropped column. Outside a transaction those counters
     * restart with every statement, so the whole history is compared instead.
     */
    @Override
    protected Optional<String> historyWriteMark(boolean inTransaction) throws SQLException {
        if (!inTransaction) {
            return Optional.empty();
        }
        String perTable =
                "coalesce(pg_stat_get_xact_tuples_inserted(%1$s) || '/' || pg_stat_get_xact_tuples_updated(%1$s)"
                        + " || '/' || pg_stat_get_xact_tuples_deleted(%1$s) || '/' || pg_relation_filenode(%1$s) || '/' ||"
                        + " (SELECT count(*) FROM pg_attribute WHERE attrelid = %1$s AND attnum > 0 AND NOT attisdropped),"
                        + " 'gone')";
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + String.format(perTable, "h") + " || ' '" + " || " + String.format(perTable, "m")
                        + " FROM (SELECT to_regclass(?) AS h, to_regclass(?) AS m) AS t")) {
            query.setString(1, qualifiedHistory);
            query.setString(2, qualify(schema, historyTable + "_meta"));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return Optional.of(rows.getString(1));
            }
        }
    }

    /**
     * Strata splits on the assumption that standard_conforming_strings is on (the default since 9.1):
     * with it off, a backslash in '...' escapes the quote and statements end elsewhere. A migration
     * can turn it off for its session (SET, set_config), so it is checked before every statement from
     * the value the server reports to the driver, without a round trip.
     */
    @Override
    protected Optional<String> readsDifferently() throws SQLException {
        String value =
                connection.unwrap(org.postgresql.PGConnection.class).getParameterStatus("standard_conforming_strings");
        return "off".equalsIgnoreCase(value)
                ? Optional.of("standard_conforming_strings is off in this session, so PostgreSQL would read a"
                        + " backslash in '...' as an escape and end strings and statements elsewhere than strata"
                        + " split them; strata did not send this statement. Leave standard_conforming_strings on"
                        + " (write E'...' where you need escapes)")
                : Optional.empty();
    }

    @Override
    protected String databaseWords(SQLException e) {
        return PostgresDialect.firstLine(e.getMessage());
    }

    @Override
    protected dev.strata.dialect.ErrorHints errorHints() {
        return PostgresDialect.HINTS;
    }

    private static String resolveSchema(Connection connection, Optional<String> configured, String description)
            throws SQLException {
        if (configured.isPresent()) {
            return configured.get();
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
            String schema = rows.next() ? rows.getString(1) : null;
            if (schema == null) {
                throw new DatabaseException(description + " has no current schema (its search_path names no existing"
                        + " schema); set [migrations] schema in strata.toml.");
            }
            return schema;
        }
    }

    private static String qualify(String schema, String table) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }

    private String queryString(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private boolean queryBoolean(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /**
     * A stable 64-bit advisory lock key per history table, so two projects on one server don't block
     * each other. Public so that operators (and tests) can see who holds it in pg_locks.
     *
     * @param name {@code schema.table} of the history table
     */
    public static long lockKey(String name) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(("strata:" + name).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Table locks of other sessions on this database: tables, views and sequences of the users'
     * schemas, not their indexes and TOAST tables (which follow their table's lock), nor strata's
     * own history.
     */
    @Override
    public List<String> userSchemas() {
        List<String> schemas = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE"
                        + " 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname")) {
            while (rows.next()) {
                schemas.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw failure("could not list the schemas of the database", e);
        }
        return schemas;
    }

    @Override
    public List<String> locksHeldByOthers() {
        List<String> locks = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT l.mode, n.nspname, c.relname"
                + " FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid ="
                + " c.relnamespace WHERE l.database = (SELECT oid FROM pg_database WHERE datname ="
                + " current_database()) AND l.pid <> pg_backend_pid() AND l.granted AND c.relkind IN ('r', 'p',"
                + " 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
                + " AND c.relname NOT IN (?, ?, ?) ORDER BY n.nspname, c.relname, l.mode")) {
            statement.setString(1, historyTable);
            statement.setString(2, historyTable + "_meta");
            statement.setString(3, historyTable + "_backfill");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    locks.add(rows.getString(1) + " on " + rows.getString(2) + "." + rows.getString(3));
                }
            }
        } catch (SQLException e) {
            throw failure("could not read pg_locks", e);
        }
        return locks;
    }

    @Override
    public Optional<IndexUsage> indexUsage() {
        try {
            return Optional.of(PostgresIndexUsage.read(connection));
        } catch (SQLException e) {
            throw failure("could not read the index statistics", e);
        }
    }

    /** Every value goes as text through the column's own input function: one binding fits every type. */
    @Override
    protected String sampleParameter(Column column) {
        return "CAST(? AS " + column.type() + ")";
    }

    @Override
    protected void bindSample(PreparedStatement insert, int index, Column column, long n) throws SQLException {
        insert.setString(index, SampleValues.text(column, n));
    }

    @Override
    public dev.strata.costs.CostReport costs() {
        try {
            return PostgresCosts.read(connection, description());
        } catch (SQLException e) {
            throw failure("could not read the sizes and statistics", e);
        }
    }

    @Override
    public QueryPlanner queryPlanner() {
        return new PostgresQueryPlanner(connection);
    }

    @Override
    public Schema schema() {
        for (int attempt = 1; ; attempt++) {
            try {
                return new PostgresSchemaReader(connection, schema, historyTable, oneSchema, schemaMemo).read();
            } catch (SQLException e) {
                // A read of its own transaction can simply be made again, on a snapshot taken after
                // the other session's change; inside a caller's transaction the failure has aborted it.
                if (!CatalogChangedException.isCatalogRace(e) || !autoCommit()) {
                    throw failure("could not read the schema", e);
                }
                if (attempt == SCHEMA_READ_ATTEMPTS) {
                    throw failure(
                            "could not read the schema: other sessions kept changing it while strata read it ("
                                    + SCHEMA_READ_ATTEMPTS + " tries); run strata again when they are done",
                            e);
                }
            }
        }
    }

    private boolean autoCommit() {
        try {
            return connection.getAutoCommit();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * quote_nullable gives a string constant every type's input function reads back, and NULL; integers
     * are written bare, as people write them (they have no NaN or Infinity that would need quotes).
     */
    @Override
    protected String literalOf(Column column, String quoted) {
        return INTEGER_TYPES.contains(column.type())
                ? "COALESCE(" + quoted + "::text, 'NULL')"
                : "quote_nullable(" + quoted + ")";
    }

    /** Each sequence that has handed out a value, named as the schema writer names objects (bare at home). */
    @Override
    public List<String> counterPositions() {
        List<String> statements = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT CASE WHEN schemaname = current_schema()"
                        + " THEN quote_ident(sequencename)"
                        + " ELSE quote_ident(schemaname) || '.' || quote_ident(sequencename) END, last_value"
                        + " FROM pg_catalog.pg_sequences WHERE last_value IS NOT NULL"
                        + " AND schemaname NOT IN ('pg_catalog', 'information_schema')"
                        + " ORDER BY schemaname, sequencename")) {
            while (rows.next()) {
                statements.add("SELECT pg_catalog.setval(" + PostgresNames.literal(rows.getString(1)) + ", "
                        + rows.getLong(2) + ", true)");
            }
        } catch (SQLException e) {
            throw failure("could not read the sequences", e);
        }
        return List.copyOf(statements);
    }
}
