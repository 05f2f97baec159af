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

    private static final HistoryColumnTypes TYPES =
            new HistoryColumnTypes("TEXT", "TIMESTAMPTZ", false, "BIGINT", "BOOLEAN");

    /** What this session's previous schema read found: the shadow reads its schema after every migration. */
    private final PostgresSchemaMemo schemaMemo = new PostgresSchemaMemo();

    private final String schema;
    private final boolean schemaConfigured;
    private final String historyTable;
    private final String qualifiedHistory;
    private final long lockKey;
    /** While the advisory lock is held, no other strata session writes the history. */
    private boolean locked;

    PostgresDatabase(Connection connection, String description, HistorySettings settings, WaitListener waits)
            throws SQLException {
        this(connection, description, settings, resolveSchema(connection, settings.schema(), description), waits);
    }

    private PostgresDatabase(
            Connection connection, String description, HistorySettings settings, String schema, WaitListener waits) {
        super(
                connection,
                description,
                new HistoryTable(qualify(schema, settings.table()), qualify(schema, settings.table() + "_meta"), TYPES),
                waits);
        this.schema = schema;
        this.schemaConfigured = settings.schema().isPresent();
        this.historyTable = settings.table();
        this.qualifiedHistory = qualify(schema, settings.table());
        this.lockKey = lockKey(schema + "." + settings.table());
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
            return PostgresHealthCheck.problems(connection);
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
    protected String databaseMessage(SQLException e) {
        String message = PostgresDialect.firstLine(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08: the connection broke (the driver's "I/O error"); 57P: the server shut down or crashed. Neither
        // says on its own that the server is gone, which is what a person needs to know first.
        if (state.startsWith("08") || state.startsWith("57P")) {
            return message + " (the connection to the server was lost: the server stopped, crashed or ended this"
                    + " session; once it runs again, 'strata status' shows what was recorded)";
        }
        return message;
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
    public QueryPlanner queryPlanner() {
        return new PostgresQueryPlanner(connection);
    }

    @Override
    public Schema schema() {
        try {
            return new PostgresSchemaReader(connection, schema, historyTable, schemaMemo).read();
        } catch (SQLException e) {
            throw failure("could not read the schema", e);
        }
    }
}
