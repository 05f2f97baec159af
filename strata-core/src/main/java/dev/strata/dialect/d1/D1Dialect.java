package dev.strata.dialect.d1;

import dev.strata.backup.BackupTool;
import dev.strata.config.DatabaseUrl;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.ExecutableScript;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.IndexDdl;
import dev.strata.dialect.SchemaWriter;
import dev.strata.dialect.ThrowawayDatabase;
import dev.strata.dialect.WaitListener;
import dev.strata.dialect.sqlite.SqliteDialect;
import dev.strata.refactor.AlterWriter;
import dev.strata.sql.SqlSplitter;
import java.util.List;

/**
 * Remote Cloudflare D1, reached over its REST API. D1 is SQLite: the splitter, schema writer, alter
 * writer and throwaway (shadow) databases are SQLite's, and a SQLite URL (the shadow's) is opened as
 * SQLite. What differs is the transport ({@link D1Client}), the way a migration is made atomic
 * ({@link D1Database}) and what D1 refuses ({@link D1Rules}).
 */
public final class D1Dialect implements Dialect {

    public static final D1Dialect INSTANCE = new D1Dialect();

    private D1Dialect() {}

    @Override
    public String name() {
        return "d1";
    }

    @Override
    public SqlSplitter splitter() {
        return SqliteDialect.INSTANCE.splitter();
    }

    @Override
    public Database open(DatabaseUrl url, HistorySettings history, Access access, WaitListener waits) {
        if (url.d1().isEmpty()) {
            return SqliteDialect.INSTANCE.open(url, history, access, waits);
        }
        D1Client client = new D1Client(url.d1().get(), url.password().orElse(""), url.display());
        return new D1Database(
                client, "D1 database " + url.display(), history, url.d1().get().migrationsTable(), waits);
    }

    @Override
    public List<String> unsupported(ExecutableScript script) {
        return D1Rules.problems(script);
    }

    @Override
    public IndexDdl indexDdl() {
        return SqliteDialect.INSTANCE.indexDdl();
    }

    @Override
    public AlterWriter alterWriter() {
        return SqliteDialect.INSTANCE.alterWriter();
    }

    @Override
    public SchemaWriter schemaWriter() {
        return SqliteDialect.INSTANCE.schemaWriter();
    }

    /** An in-memory SQLite database: D1 is SQLite, and a shadow must never cost a remote database. */
    @Override
    public ThrowawayDatabase createThrowaway(DatabaseUrl server) {
        return SqliteDialect.INSTANCE.createThrowaway(server);
    }

    @Override
    public DatabaseUrl throwawayServer(DatabaseUrl url) {
        return SqliteDialect.INSTANCE.throwawayServer(url);
    }

    /**
     * D1's export loaded into a local SQLite file ({@link D1Copy}): a URL of the copy that opens as
     * SQLite, the engine D1 runs. A {@code sqlite:} URL (a local D1 file) is copied as SQLite.
     */
    @Override
    public ThrowawayDatabase copyOf(DatabaseUrl url, java.util.Map<String, String> environment) {
        if (url.d1().isEmpty()) {
            return SqliteDialect.INSTANCE.copyOf(url, environment);
        }
        return D1Copy.of(url);
    }

    @Override
    public BackupTool backupTool() {
        return new D1BackupTool();
    }
}
