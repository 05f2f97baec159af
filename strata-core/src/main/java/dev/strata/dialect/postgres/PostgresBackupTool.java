package dev.strata.dialect.postgres;

import dev.strata.backup.BackupException;
import dev.strata.backup.BackupTool;
import dev.strata.backup.DatabaseNotEmptyException;
import dev.strata.config.DatabaseUrl;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Backups of PostgreSQL databases with PostgreSQL's own tools: {@code pg_dump --format=custom},
 * which reads one consistent snapshot while the database stays in use, and for a restore
 * {@code pg_restore} (to SQL, through a pipe) run by {@code psql} in a single transaction, so that a restore that
 * fails, or that finds the database in use, changes nothing.
 *
 * <p>pg_dump refuses to dump a server newer than itself, so its major version is checked against
 * the server's first, with a message that says which client tools to install.
 */
public final class PostgresBackupTool implements BackupTool {

    public static final PostgresBackupTool INSTANCE = new PostgresBackupTool();

    /** How long a restore waits for another session's lock on what it replaces before it gives up. */
    private static final String LOCK_TIMEOUT = "5s";
    /** Objects of users, not of the system: every schema but PostgreSQL's own. */
    private static final String USER_SCHEMAS = "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'";

    /** How many objects of users the database holds: every schema but public, and what any user schema holds. */
    private static final String USER_OBJECTS =
            "(SELECT count(*) FROM pg_namespace WHERE " + USER_SCHEMAS + " AND nspname <> 'public')"
                    + " + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                    + USER_SCHEMAS + ")"
                    + " + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE "
                    + USER_SCHEMAS + ")"
                    + " + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE "
                    + USER_SCHEMAS + " AND t.typtype IN ('e', 'd', 'r', 'm'))";
    /** What the check inside the restore's transaction raises when the database is not empty. */
    private static final String NOT_EMPTY = "strata: the database is not empty";

    private PostgresBackupTool() {}

    @Override
    public String extension() {
        return "pgdump";
    }

    @Override
    public String databaseName(DatabaseUrl url) {
        String afterHost = url.jdbcUrl().substring("jdbc:postgresql://".length());
        String path = afterHost.substring(afterHost.indexOf('/') + 1);
        int query = path.indexOf('?');
        return (query < 0 ? path : path.substring(0, query)).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public boolean exists(DatabaseUrl url) {
        return true;
    }

    @Override
    public void backup(DatabaseUrl url, Path target, Map<String, String> environment) {
        PgClientTools tools = new PgClientTools(environment);
        int server = serverMajor(url);
        Path pgDump = tools.find("pg_dump", "back up PostgreSQL " + server + " databases", server);
        int client = tools.majorVersion(pgDump);
        if (client < server) {
            throw new BackupException(pgDump + " is version " + client + ", and " + url.display() + " runs"
                    + " PostgreSQL " + server + "; pg_dump can't dump a server newer than itself. Install the"
                    + " PostgreSQL " + server + " client tools (or newer) and put them first on the PATH.");
        }
        PgClientTools.Finished dump = tools.run(
                List.of(
                        pgDump.toString(),
                        "--format=custom",
                        "--no-password",
                        "--lock-wait-timeout=120s",
                        "--file=" + target,
                        "--dbname=" + PgClientTools.connectionString(url)),
                Optional.of(url),
                Optional.empty(),
                Map.of(),
                false);
        if (!dump.ok()) {
            throw new BackupException(
                    "pg_dump could not back up " + url.display() + ": " + PgClientTools.essence(dump.errors()));
        }
    }

    @Override
    public void verify(Path file, Map<String, String> environment) {
        PgClientTools tools = new PgClientTools(environment);
        Path pgRestore = tools.find("pg_restore", "read PostgreSQL backups", 0);
        // Writing the whole backup out as SQL reads every byte of it: a truncated file fails here.
        PgClientTools.Finished read = tools.run(
                List.of(pgRestore.toString(), "--file=-", file.toString()),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                false);
        if (!read.ok()) {
            throw new BackupException(unreadable(file, read.errors()));
        }
    }

    @Override
    public boolean isEmpty(DatabaseUrl url) {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + USER_OBJECTS)) {
            rows.next();
            return rows.getLong(1) == 0;
        } catch (SQLException e) {
            throw new BackupException(
                    "could not look into " + url.display() + ": " + PostgresDialect.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public boolean restore(DatabaseUrl url, Path file, Map<String, String> environment, boolean force) {
        PgClientTools tools = new PgClientTools(environment);
        int server = serverMajor(url);
        Path pgRestore = tools.find("pg_restore", "restore PostgreSQL backups", server);
        Path psql = tools.find("psql", "restore PostgreSQL backups in one transaction", server);
        // Only for the report: with force the restore empties the database whatever this says, and without
        // force the check that counts runs inside the restore's own transaction.
        boolean replace = force && !isEmpty(url);
        // pg_restore's SQL (every row of the backup) goes straight into psql through a pipe, never to a
        // file. psql opens the transaction itself, and COMMIT follows the SQL only when pg_restore read the
        // archive to its end: a failure anywhere, or a kill of strata or of either program, leaves psql
        // without a COMMIT and the server rolls everything back.
        List<String> psqlCommand = new java.util.ArrayList<>(List.of(
                psql.toString(),
                "--no-psqlrc",
                "--quiet",
                "--no-password",
                "--set=ON_ERROR_STOP=1",
                "--dbname=" + PgClientTools.connectionString(url),
                "--command=BEGIN",
                "--command=" + (force ? emptyDatabase(server) : refuseUnlessEmpty()),
                "--file=-"));
        // A psql killed with strata can't end the statement its server session is running; from 14 on, the
        // server checks every second that the client is still there and, if not, rolls back at once.
        String options =
                "-c lock_timeout=" + LOCK_TIMEOUT + (server >= 14 ? " -c client_connection_check_interval=1s" : "");
        PgClientTools.Finished run = tools.restoreThrough(
                pgRestore,
                file,
                "COMMIT;",
                "DO $strata$ BEGIN RAISE EXCEPTION '" + Lifeline.RESTORE_FAILED + "'; END $strata$;",
                psqlCommand,
                url,
                Map.of("PGOPTIONS", options));
        // First: the check ran before any row, and psql stopping there cuts pg_restore's pipe, so the
        // archive then also looks unread to the end although nothing is wrong with it.
        if (run.errors().contains(NOT_EMPTY)) {
            throw new DatabaseNotEmptyException(url.display());
        }
        if (run.errors().contains(Lifeline.RESTORE_FAILED)) {
            throw new BackupException(
                    unreadable(file, run.errors().replace(Lifeline.RESTORE_FAILED, "")) + " Nothing was changed.");
        }
        if (!run.ok()) {
            String why = PgClientTools.essence(run.errors());
            if (why.contains("lock timeout")) {
                throw new BackupException(url.display() + " is in use: another session holds a lock on what the"
                        + " restore must replace. Nothing was changed. Stop what is using it, then restore"
                        + " again.");
            }
            throw new BackupException("could not restore " + file.getFileName() + " into " + url.display() + ": " + why
                    + ". Nothing was changed.");
        }
        return replace;
    }

    /**
     * The first statement of a restore without force: in the restore's own transaction, so that what
     * it finds empty is what the restore fills, with nothing created in between.
     */
    private static String refuseUnlessEmpty() {
        return "DO $strata$ BEGIN IF " + USER_OBJECTS + " > 0 THEN RAISE EXCEPTION '" + NOT_EMPTY + "'; END IF;"
                + " END $strata$;";
    }

    /**
     * Drops every user schema, with all it holds, and re-creates {@code public} as a new database has
     * it, so that the restored database holds what the backup holds and nothing else.
     */
    private static String emptyDatabase(int server) {
        String publicDefaults = server >= 15
                ? "ALTER SCHEMA public OWNER TO pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC;"
                : "GRANT ALL ON SCHEMA public TO PUBLIC;";
        return "DO $strata$ DECLARE s record; BEGIN"
                + " FOR s IN SELECT nspname FROM pg_namespace WHERE " + USER_SCHEMAS + " LOOP"
                + " EXECUTE format('DROP SCHEMA %I CASCADE', s.nspname); END LOOP; END $strata$;"
                + " CREATE SCHEMA public; " + publicDefaults;
    }

    private static String unreadable(Path file, String errors) {
        String why = PgClientTools.essence(errors);
        if (why.contains("does not appear to be a valid archive") || why.contains("too short")) {
            return file + " is not a PostgreSQL backup in pg_dump's custom format (" + why + "); give a backup made"
                    + " by 'strata backup'.";
        }
        if (why.contains("unsupported version")) {
            return file + " was made by a newer pg_dump than this pg_restore can read (" + why + "); install newer"
                    + " PostgreSQL client tools.";
        }
        return file + " is damaged or truncated: pg_restore could not read it through (" + why + "). Use another"
                + " backup.";
    }

    private static int serverMajor(DatabaseUrl url) {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW server_version_num")) {
            rows.next();
            return Integer.parseInt(rows.getString(1).strip()) / 10000;
        } catch (SQLException e) {
            throw new BackupException(
                    "could not read the server version of " + url.display() + ": "
                            + PostgresDialect.firstLine(e.getMessage()),
                    e);
        }
    }

    /** A plain read-only session, as {@link PostgresDialect#open} makes them, for the catalog queries here. */
    private static Connection connect(DatabaseUrl url) {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "strata");
        properties.setProperty("readOnly", "true");
        try {
            return DriverManager.getConnection(url.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw new BackupException(
                    "could not connect to PostgreSQL database " + url.display() + ": "
                            + PostgresDialect.firstLine(e.getMessage()) + System.lineSeparator()
                            + "  Check that the server is"
                            + " running, and the host, port, database name, user and password.",
                    e);
        }
    }
}
