package dev.strata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code strata backup} and {@code strata restore} promise, run against a live database of
 * each engine: a verified, owner-only copy taken while the database is in use; a restore that
 * refuses (and changes nothing) on a file that is not a whole backup, on a database that is not
 * empty without --force, and on a database in use; pruning; a backup before migrating.
 */
abstract class BackupConformanceTest {

    @TempDir
    Path project;

    final Map<String, String> env = new HashMap<>();

    /** A new empty database, as a user would write its URL (no password). */
    abstract String newDatabaseUrl();

    /** The URL with a password in it, for the test that it never reaches a file name or message. */
    abstract String withPassword(String url, String password);

    /** Holds a lock on the database the way a busy application would, until closed. */
    abstract AutoCloseable holdLock(String url) throws SQLException;

    /** The same database, with the engine's wait for another session's lock cut short where a URL sets it. */
    String withShortLockWait(String url) {
        return url;
    }

    abstract boolean tableExists(String url, String table);

    abstract String extension();

    @BeforeEach
    void migrations() throws IOException {
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        Files.writeString(
                project.resolve("migrations/0002_orders.sql"),
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);");
    }

    Strata strata(String url) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(env)
                .load();
    }

    /** A database with both migrations applied and three users. */
    String populated() {
        String url = newDatabaseUrl();
        strata(url).migrate();
        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (1, 'ada'), (2, 'brian'), (3, 'claude')");
        return url;
    }

    long users(String url) {
        return Jdbc.count(url, "SELECT count(*) FROM users");
    }

    @Test
    void aBackupIsOwnerOnlyNamedAfterTheDatabaseAndRestoresWhatWasThere() throws IOException {
        String url = populated();

        BackupResult backup = strata(url).backup(Optional.empty());

        assertThat(backup.file().getParent()).isEqualTo(project.resolve("backups"));
        assertThat(backup.file().getFileName().toString()).matches(".+-\\d{8}T\\d{6}\\.\\d{3}Z\\." + extension());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.file())))
                .isEqualTo("rw-------");
        assertThat(backup.bytes()).isPositive().isEqualTo(Files.size(backup.file()));
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            assertThat(files).as("no partial file is left").containsExactly(backup.file());
        }

        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (4, 'dennis')");
        Jdbc.execute(url, "CREATE TABLE later (id INTEGER)");
        assertThatThrownBy(() -> strata(url).restore(backup.file(), false))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("is not empty; restoring " + backup.file().getFileName() + " would replace"
                        + " everything in it. Nothing was changed.")
                .hasMessageContaining("restore with --force");
        assertThat(users(url)).isEqualTo(4);

        RestoreResult restored = strata(url).restore(backup.file(), true);

        assertThat(restored.replaced()).isTrue();
        assertThat(users(url)).isEqualTo(3);
        assertThat(tableExists(url, "later")).isFalse();
        assertThat(strata(url).status().migrations())
                .hasSize(2)
                .allSatisfy(row -> assertThat(row.state().label()).isEqualTo("applied"));
    }

    @Test
    void aBackupRestoresIntoAnEmptyDatabaseWithoutForce() {
        String source = populated();
        Path file = strata(source)
                .backup(Optional.of(Path.of("copy." + extension())))
                .file();
        String empty = newDatabaseUrl();

        RestoreResult restored = strata(empty).restore(Path.of("copy." + extension()), false);

        assertThat(restored.replaced()).isFalse();
        assertThat(file).isEqualTo(project.resolve("copy." + extension()));
        assertThat(users(empty)).isEqualTo(3);
    }

    /**
     * Another session creates a table after strata started restoring into an empty database: the
     * tool is reached with the database no longer empty. Without --force the tool itself must find
     * that out, in the transaction it restores in, and change nothing; an answer given earlier
     * (the database was empty when strata looked) must not decide.
     */
    @Test
    void aTableCreatedWhileARestoreStartsIsNeverReplacedWithoutForce() {
        String source = populated();
        strata(source).backup(Optional.of(Path.of("race." + extension())));
        String url = newDatabaseUrl();
        Strata strata = strata(url);
        BackupTool real =
                dev.strata.dialect.Dialects.forUrl(strata.config().url()).backupTool();
        BackupTool racing = new BackupTool() {
            @Override
            public String extension() {
                return real.extension();
            }

            @Override
            public String databaseName(dev.strata.config.DatabaseUrl u) {
                return real.databaseName(u);
            }

            @Override
            public boolean exists(dev.strata.config.DatabaseUrl u) {
                return real.exists(u);
            }

            @Override
            public void backup(dev.strata.config.DatabaseUrl u, Path t, Map<String, String> e) {
                real.backup(u, t, e);
            }

            @Override
            public void verify(Path f, Map<String, String> e) {
                real.verify(f, e);
            }

            @Override
            public boolean isEmpty(dev.strata.config.DatabaseUrl u) {
                return real.isEmpty(u);
            }

            @Override
            public boolean restore(dev.strata.config.DatabaseUrl u, Path f, Map<String, String> e, boolean force) {
                Jdbc.execute(url, "CREATE TABLE precious (id INTEGER)");
                Jdbc.execute(url, "INSERT INTO precious (id) VALUES (7)");
                return real.restore(u, f, e, force);
            }
        };
        Backups backups = new Backups(strata.config(), racing, env, java.time.Clock.systemUTC());

        assertThatThrownBy(() -> backups.restore(Path.of("race." + extension()), false))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("is not empty")
                .hasMessageContaining("Nothing was changed");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM precious")).isEqualTo(1);
        assertThat(tableExists(url, "users")).isFalse();
    }

    @Test
    void aFileThatIsNotABackupIsRefusedAndNothingChanges() throws IOException {
        String url = populated();
        Path junk = project.resolve("notes." + extension());
        Files.writeString(junk, "these are my notes, not a database\n".repeat(200));
        Path empty = Files.createFile(project.resolve("empty." + extension()));

        assertThatThrownBy(() -> strata(url).restore(junk, true))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining(junk + " is not a ");
        assertThatThrownBy(() -> strata(url).restore(empty, true))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining(empty + " is not a ");
        assertThatThrownBy(() -> strata(url).restore(Path.of("nowhere." + extension()), true))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("nowhere." + extension() + " does not exist");
        assertThat(users(url)).isEqualTo(3);
    }

    @Test
    void aTruncatedBackupIsRefusedAndNothingChanges() throws IOException {
        String url = populated();
        Jdbc.execute(url, "CREATE TABLE payload (id INTEGER, body TEXT)");
        for (int i = 0; i < 20; i++) {
            Jdbc.execute(url, "INSERT INTO payload VALUES (" + i + ", '" + "x".repeat(4000) + i + "')");
        }
        Path backup = strata(url).backup(Optional.empty()).file();
        byte[] whole = Files.readAllBytes(backup);
        Path truncated = project.resolve("truncated." + extension());
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Jdbc.execute(url, "DELETE FROM users WHERE id = 3");

        assertThatThrownBy(() -> strata(url).restore(truncated, true))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining(truncated + " is damaged or truncated");
        assertThat(users(url)).isEqualTo(2);
    }

    @Test
    void aRestoreOntoADatabaseInUseIsRefusedAndNothingIsLost() throws Exception {
        String url = populated();
        Path backup = strata(url).backup(Optional.empty()).file();
        Jdbc.execute(url, "INSERT INTO users (id, name) VALUES (4, 'dennis')");

        try (AutoCloseable busy = holdLock(url)) {
            assertThatThrownBy(() -> strata(withShortLockWait(url)).restore(backup, true))
                    .isInstanceOf(BackupException.class)
                    .hasMessageContaining("is in use")
                    .hasMessageContaining("Nothing was changed.");
        }
        assertThat(users(url)).isEqualTo(4);
        assertThat(strata(url).restore(backup, true).replaced()).isTrue();
        assertThat(users(url)).isEqualTo(3);
    }

    @Test
    void aBackupTakenWhileWritersCommitIsOneConsistentSnapshot() throws Exception {
        String url = populated();
        Jdbc.execute(url, "CREATE TABLE pairs_a (n INTEGER)");
        Jdbc.execute(url, "CREATE TABLE pairs_b (n INTEGER)");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> writerFailed = new AtomicReference<>();
        // Each transaction adds one row to each table: any consistent snapshot has equal counts.
        Thread writer = new Thread(() -> {
            try (Connection connection = Jdbc.connect(url);
                    Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (int i = 0; i < 5000 && !stop.get(); i++) {
                    statement.execute("INSERT INTO pairs_a VALUES (" + i + ")");
                    statement.execute("INSERT INTO pairs_b VALUES (" + i + ")");
                    connection.commit();
                }
            } catch (SQLException e) {
                writerFailed.set(e);
            }
        });
        writer.start();
        while (Jdbc.count(url, "SELECT count(*) FROM pairs_a") < 20 && writer.isAlive()) {
            Thread.onSpinWait();
        }
        BackupResult backup;
        try {
            backup = strata(url).backup(Optional.empty());
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(writerFailed.get()).isNull();

        String copy = newDatabaseUrl();
        strata(copy).restore(backup.file(), false);
        long a = Jdbc.count(copy, "SELECT count(*) FROM pairs_a");
        assertThat(a).isPositive();
        assertThat(Jdbc.count(copy, "SELECT count(*) FROM pairs_b")).isEqualTo(a);
    }

    @Test
    void keepPrunesTheOldestOfThisDatabaseOnly() throws IOException {
        String url = populated();
        env.put("PROD_URL", url);
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "${env.PROD_URL}"
                keep = 2
                """);
        Strata prod = Strata.configure()
                .projectDir(project)
                .environment("prod")
                .environmentVariables(env)
                .load();
        Path other = project.resolve("backups/someone-else-20200101T000000.000Z." + extension());
        Files.createDirectories(other.getParent());
        Files.writeString(other, "kept: not a backup of this database");

        BackupResult first = prod.backup(Optional.empty());
        BackupResult second = prod.backup(Optional.empty());
        BackupResult third = prod.backup(Optional.empty());
        BackupResult named = prod.backup(Optional.of(Path.of("backups/by-hand." + extension())));

        assertThat(third.pruned()).containsExactly(first.file());
        assertThat(named.pruned()).isEmpty();
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            assertThat(files).containsExactlyInAnyOrder(second.file(), third.file(), named.file(), other);
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        String url = populated();
        Path taken = project.resolve("taken." + extension());
        Files.writeString(taken, "precious");

        assertThatThrownBy(() -> strata(url).backup(Optional.of(Path.of("taken." + extension()))))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("already exists; strata never overwrites a backup");
        assertThat(Files.readString(taken)).isEqualTo("precious");
    }

    @Test
    void aPasswordNeverReachesTheFileNameOrTheResult() {
        String url = populated();
        String secret = "Sup3r-s3cret-pw";

        BackupResult backup = strata(withPassword(url, secret)).backup(Optional.empty());

        assertThat(backup.file().toString()).doesNotContain(secret);
        assertThat(backup.database()).doesNotContain(secret);
    }

    @Test
    void beforeMigrateBacksUpOnlyWhenSomethingIsPending() throws IOException {
        String url = populated();
        env.put("PROD_URL", url);
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "${env.PROD_URL}"
                backup = "before-migrate"
                """);
        Strata prod = Strata.configure()
                .projectDir(project)
                .environment("prod")
                .environmentVariables(env)
                .load();

        prod.migrate();
        assertThat(project.resolve("backups")).doesNotExist();

        Files.writeString(
                project.resolve("migrations/0003_drop_users.sql"),
                "-- strata:allow drop-table the backup taken before it is what this test restores\nDROP TABLE users;");
        prod.migrate();

        List<Path> backups;
        try (Stream<Path> files = Files.list(project.resolve("backups"))) {
            backups = files.toList();
        }
        assertThat(backups).hasSize(1);
        assertThat(tableExists(url, "users")).isFalse();
        String copy = newDatabaseUrl();
        strata(copy).restore(backups.get(0), false);
        assertThat(users(copy))
                .as("the backup holds the data from before the migration")
                .isEqualTo(3);
    }
}
