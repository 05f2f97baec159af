package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.engine.MigrateOptions;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migrations built to be killed inside: a big insert, hundreds of statements, a column added and
 * filled, a table copied, a rename, and one {@code no-transaction} migration (concurrent index builds
 * on PostgreSQL, VACUUM on SQLite). Each has a down script that does some work before it drops
 * things, so {@code down} can be killed inside one too.
 *
 * <p>The schema a recorded history implies is taken from reality rather than written by hand: a
 * fresh database migrated up to version k through the library is the reference for "k applied".
 */
final class CrashWorkload {

    /** One migration: its file stem, up and down text. */
    record Step(String label, String up, String down) {

        String version() {
            return label.substring(0, 4);
        }
    }

    private static final int BIG_ROWS = 10_000;
    private static final int SINGLE_INSERTS = 300;

    /** Objects only the no-transaction migration creates: what a failed run of it may leave half-made. */
    final List<String> noTransactionObjects;

    final String noTransactionVersion = "0005";
    final List<Step> steps;
    private final boolean postgres;

    CrashWorkload(boolean postgres) {
        this(postgres, false);
    }

    /**
     * @param singleTransaction for {@code migrate --single-transaction}: without the no-transaction
     *                          migration, which that mode refuses
     */
    CrashWorkload(boolean postgres, boolean singleTransaction) {
        this.postgres = postgres;
        this.noTransactionObjects =
                postgres && !singleTransaction ? List.of("accounts_balance", "ledger_balance") : List.of();
        List<Step> all = List.of(
                new Step(
                        "0001_accounts",
                        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL, balance INTEGER NOT NULL);\n"
                                + "INSERT INTO accounts (id, email, balance)\n"
                                + "  " + series(BIG_ROWS, "x, 'user' || x || '@example.com', x * 7 % 1000") + ";\n"
                                + "CREATE INDEX accounts_email ON accounts (email);\n",
                        "DELETE FROM accounts WHERE id % 2 = 0;\nDROP TABLE accounts;\n"),
                new Step("0002_many_statements", manyInserts(), "DROP TABLE events;\n"),
                new Step(
                        "0003_add_tier",
                        "ALTER TABLE accounts ADD COLUMN tier TEXT;\n"
                                + "UPDATE accounts SET tier = CASE WHEN balance % 3 = 0 THEN 'gold' ELSE 'basic' END;\n"
                                + "CREATE INDEX accounts_tier ON accounts (tier);\n",
                        "UPDATE accounts SET tier = NULL;\nDROP INDEX accounts_tier;\nALTER TABLE accounts DROP COLUMN tier;\n"),
                new Step(
                        "0004_ledger",
                        "CREATE TABLE ledger AS SELECT id, balance FROM accounts;\n"
                                + "DELETE FROM ledger WHERE id % 2 = 0;\n"
                                + "INSERT INTO ledger (id, balance) " + series(BIG_ROWS, "x + " + BIG_ROWS + ", x")
                                + ";\n",
                        "DELETE FROM ledger WHERE id > " + BIG_ROWS + ";\nDROP TABLE ledger;\n"),
                postgres
                        ? new Step(
                                "0005_concurrent_indexes",
                                "-- strata:no-transaction\n"
                                        + "CREATE INDEX CONCURRENTLY accounts_balance ON accounts (balance);\n"
                                        + "CREATE INDEX CONCURRENTLY ledger_balance ON ledger (balance);\n",
                                "-- strata:no-transaction\n"
                                        + "DROP INDEX CONCURRENTLY accounts_balance;\n"
                                        + "DROP INDEX CONCURRENTLY ledger_balance;\n")
                        : new Step(
                                "0005_vacuum",
                                "-- strata:no-transaction\nVACUUM;\n",
                                "-- strata:no-transaction\nVACUUM;\n"),
                new Step(
                        "0006_audit",
                        "CREATE TABLE audit (id INTEGER NOT NULL, note TEXT NOT NULL);\n"
                                + "INSERT INTO audit (id, note) " + series(BIG_ROWS * 2, "x, 'note ' || x") + ";\n",
                        "UPDATE audit SET note = 'reverted';\nDROP TABLE audit;\n"),
                new Step(
                        "0007_rename_events",
                        "ALTER TABLE events RENAME TO account_events;\n",
                        "ALTER TABLE account_events RENAME TO events;\n"));
        this.steps = singleTransaction
                ? all.stream()
                        .filter(step -> !step.version().equals(noTransactionVersion))
                        .toList()
                : all;
    }

    /** {@code SELECT columns} over x = 1..count, in SQL both engines run. */
    private static String series(int count, String columns) {
        return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + count + ")" + " SELECT "
                + columns + " FROM c";
    }

    private static String manyInserts() {
        StringBuilder sql =
                new StringBuilder("CREATE TABLE events (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL,"
                        + " kind TEXT NOT NULL);\n");
        for (int i = 1; i <= SINGLE_INSERTS; i++) {
            sql.append("INSERT INTO events (id, account_id, kind) VALUES (")
                    .append(i)
                    .append(", ")
                    .append(i * 13 % 997)
                    .append(", '")
                    .append(i % 2 == 0 ? "login" : "logout")
                    .append("');\n");
        }
        return sql.toString();
    }

    void write(Path migrations) throws IOException {
        Files.createDirectories(migrations);
        for (Step step : steps) {
            Files.writeString(migrations.resolve(step.label() + ".up.sql"), step.up());
            Files.writeString(migrations.resolve(step.label() + ".down.sql"), step.down());
        }
    }

    /**
     * The reference snapshots: element k is the user schema of a database with the first k
     * migrations applied, made by migrating {@code freshUrl} one version at a time.
     */
    List<List<String>> referenceSnapshots(Path project, String freshUrl) {
        List<List<String>> references = new ArrayList<>();
        references.add(DatabaseSnapshot.userSchema(freshUrl));
        for (Step step : steps) {
            Strata.configure()
                    .projectDir(project)
                    .url(freshUrl)
                    .environmentVariables(Map.of())
                    .load()
                    .migrate(new MigrateOptions(Optional.of(Version.parse(step.version())), false, false));
            references.add(DatabaseSnapshot.userSchema(freshUrl));
        }
        return references;
    }

    /** What undoes a half-run no-transaction migration (or down script), as a person would. */
    void cleanUpFailedNoTransaction(String url) {
        if (postgres) {
            for (String index : noTransactionObjects) {
                Jdbc.execute(url, "DROP INDEX IF EXISTS " + index);
            }
        }
    }

    boolean postgres() {
        return postgres;
    }
}
