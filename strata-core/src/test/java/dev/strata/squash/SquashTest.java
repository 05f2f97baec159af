package dev.strata.squash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.engine.MigrationRefusedException;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import dev.strata.testing.MigrationFiles;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata squash} on real SQLite files and the embedded PostgreSQL: the baseline it writes,
 * databases that applied the old files (recognised, then migrated further), a new database, a
 * database that applied only some of them (refused), a squash that would change what the folder
 * builds (refused, files untouched) and a dry run (files untouched).
 */
class SquashTest {

    @TempDir
    Path project;

    private Strata strata(String url) {
        return Strata.configure().projectDir(project).url(url).load();
    }

    /** Three migrations with rows (a counter left above its highest key by a delete), then one more. */
    private static final String USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE,"
            + " note TEXT);\n"
            + "INSERT INTO users (id, email, note) VALUES (1, 'a@example.com', 'it''s'), (2, 'b@example.com', NULL);\n";

    private static final String ROLES = "CREATE TABLE roles (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            + "CREATE TABLE user_roles (user_id INTEGER NOT NULL REFERENCES users (id),"
            + " role_id INTEGER NOT NULL REFERENCES roles (id));\n"
            + "CREATE INDEX user_roles_user ON user_roles (user_id);\n"
            + "INSERT INTO roles (id, name) VALUES (1, 'admin'), (2, 'reader');\n"
            + "INSERT INTO user_roles (user_id, role_id) VALUES (1, 1), (2, 2);\n"
            + "CREATE VIEW admins AS SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id"
            + " WHERE r.role_id = 1;\n";

    private static String events(boolean postgres) {
        return "CREATE TABLE events (id " + (postgres ? "serial PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")
                + ", kind TEXT NOT NULL);\n"
                + "INSERT INTO events (kind) VALUES ('boot'), ('gone');\n"
                + "DELETE FROM events WHERE kind = 'gone';\n";
    }

    private static final String LATER = "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;\n"
            + "INSERT INTO events (kind) VALUES ('later');\n";

    private void squashesAndEveryDatabaseFollows(String oldUrl, String partialUrl, String newUrl, boolean postgres)
            throws IOException {
        MigrationFiles.write(project, "0001_users.sql", USERS);
        strata(partialUrl).migrate();
        MigrationFiles.write(project, "0002_roles.sql", ROLES);
        MigrationFiles.write(project, "0003_events.sql", events(postgres));
        strata(oldUrl).migrate();
        MigrationFiles.write(project, "0004_later.sql", LATER);
        Map<String, String> before = folder();

        SquashResult dryRun = strata(oldUrl).squash(Version.parse("0003"), true);

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(folder()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(dryRun.replaced()).containsExactly("0001_users", "0002_roles", "0003_events");
        assertThat(dryRun.removed())
                .containsExactly(
                        Path.of("migrations", "0001_users.sql").toString(),
                        Path.of("migrations", "0002_roles.sql").toString());
        assertThat(dryRun.rows()).isEqualTo(7);
        assertThat(dryRun.tablesWithRows()).isEqualTo(4);

        SquashResult squash = strata(oldUrl).squash(Version.parse("0003"), false);

        assertThat(squash.text()).isEqualTo(dryRun.text());
        assertThat(folder()).containsOnlyKeys("0003_events.sql", "0004_later.sql");
        String baseline = folder().get("0003_events.sql");
        assertThat(baseline)
                .contains("-- strata:squashes 0001 " + dev.strata.source.Checksums.sha256(USERS) + " users")
                .contains("-- strata:squashes 0003 ")
                .contains("'it''s'")
                .contains("admins");
        // Referenced tables' rows come before the rows that reference them.
        assertThat(baseline.indexOf("INSERT INTO user_roles"))
                .isGreaterThan(baseline.indexOf("INSERT INTO users"))
                .isGreaterThan(baseline.indexOf("INSERT INTO roles"));
        assertThat(folder().get("0004_later.sql")).isEqualTo(before.get("0004_later.sql"));

        // The database that applied the old files: recognised, history kept, then only 0004 runs.
        Strata old = strata(oldUrl);
        assertThat(states(old))
                .containsExactly(
                        Map.entry("0001", MigrationState.SQUASHED),
                        Map.entry("0002", MigrationState.SQUASHED),
                        Map.entry("0003", MigrationState.EQUIVALENT),
                        Map.entry("0004", MigrationState.PENDING));
        assertThat(old.validate(false).problems()).isEmpty();
        assertThat(old.migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("0004");
        assertThat(history(oldUrl)).containsExactly("0001", "0002", "0003", "0004");
        assertThat(old.drift().differences()).isEmpty();

        // A new database runs the baseline, then the rest, and ends with the same rows.
        Strata fresh = strata(newUrl);
        assertThat(fresh.migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("0003", "0004");
        assertThat(states(fresh).values()).containsOnly(MigrationState.APPLIED);
        for (String query : List.of(
                "SELECT id, email, note, active FROM users ORDER BY id",
                "SELECT user_id, role_id FROM user_roles ORDER BY user_id",
                "SELECT id, kind FROM events ORDER BY id",
                "SELECT email FROM admins")) {
            assertThat(Jdbc.query(newUrl, query)).as(query).isEqualTo(Jdbc.query(oldUrl, query));
        }
        assertThat(Jdbc.query(newUrl, "SELECT id FROM events WHERE kind = 'later'"))
                .as("the counter stands where the deleted row left it")
                .containsExactly(List.of("3"));
        assertThat(fresh.drift().differences()).isEmpty();

        // A database that applied only 0001 can neither run the baseline nor skip it.
        assertThatThrownBy(() -> strata(partialUrl).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("0003_events.sql is a squash baseline of 3 migrations")
                .hasMessageContaining("applied: 0001_users; never applied: 0002_roles, 0003_events")
                .hasMessageContaining("Migrate it with the folder as it was before the squash")
                .hasMessageNotContaining("edited after it was applied");
        assertThat(history(partialUrl)).containsExactly("0001");
    }

    @Test
    void onSqliteTheBaselineReplacesTheOldFilesAndEveryKindOfDatabaseFollows() throws IOException {
        squashesAndEveryDatabaseFollows(
                "sqlite:" + project.resolve("old.db"),
                "sqlite:" + project.resolve("partial.db"),
                "sqlite:" + project.resolve("new.db"),
                false);
    }

    @Test
    void onPostgresTheBaselineReplacesTheOldFilesAndEveryKindOfDatabaseFollows() throws IOException {
        squashesAndEveryDatabaseFollows(
                PostgresServer.newDatabaseUrl(),
                PostgresServer.newDatabaseUrl(),
                PostgresServer.newDatabaseUrl(),
                true);
    }

    @Test
    void onPostgresASquashThatWouldChangeTheSchemaIsRefusedAndNothingIsWritten() throws IOException {
        String url = PostgresServer.newDatabaseUrl();
        MigrationFiles.write(project, "0001_users.sql", USERS);
        MigrationFiles.write(project, "0002_roles.sql", ROLES);
        // Builds a table only where the history holds more than one row: the baseline leaves one row there.
        MigrationFiles.write(
                project,
                "0003_audit.sql",
                "DO $$ BEGIN IF (SELECT count(*) FROM strata_history) > 1 THEN"
                        + " CREATE TABLE audit (id integer); END IF; END $$;\n");
        Map<String, String> before = folder();

        assertThatThrownBy(() -> strata(url).squash(Version.parse("0002"), false))
                .isInstanceOf(SquashRefusedException.class)
                .hasMessageContaining("nothing was squashed: the baseline would not build what the 2 migrations build")
                .hasMessageContaining("schema after every migration (old migrations -> squashed folder)")
                .hasMessageContaining("audit");
        assertThat(folder()).isEqualTo(before);
    }

    @Test
    void onSqliteASquashThatWouldChangeTheRowsIsRefusedAndNothingIsWritten() throws IOException {
        String url = "sqlite:" + project.resolve("dev.db");
        MigrationFiles.write(project, "0001_users.sql", USERS);
        MigrationFiles.write(project, "0002_roles.sql", ROLES);
        MigrationFiles.write(
                project,
                "0003_counted.sql",
                "CREATE TABLE counted (n INTEGER);\nINSERT INTO counted SELECT count(*) FROM strata_history;\n");
        Map<String, String> before = folder();

        assertThatThrownBy(() -> strata(url).squash(Version.parse("0002"), true))
                .isInstanceOf(SquashRefusedException.class)
                .hasMessageContaining("rows of table counted: 1 from the old migrations, 1 from the squashed folder;"
                        + " only from the old migrations: (n=2); only from the squashed folder: (n=1)");
        assertThat(folder()).isEqualTo(before);
    }

    @Test
    void refusesToSquashASingleMigrationOrAVersionWithoutAFile() throws IOException {
        String url = "sqlite:" + project.resolve("dev.db");
        MigrationFiles.write(project, "0001_users.sql", USERS);
        MigrationFiles.write(project, "0002_roles.sql", ROLES);
        assertThatThrownBy(() -> strata(url).squash(Version.parse("0001"), false))
                .isInstanceOf(SquashRefusedException.class)
                .hasMessageContaining("only 1 migration is at or below that version");
        assertThatThrownBy(() -> strata(url).squash(Version.parse("0007"), false))
                .hasMessageContaining("--to 0007: no migration file has version 0007");
    }

    @Test
    void onSqliteUpAndDownPairsLoseTheirDownScriptsAndStrataTestStillPasses() throws IOException {
        String url = "sqlite:" + project.resolve("dev.db");
        MigrationFiles.write(project, "0001_users.up.sql", USERS);
        MigrationFiles.write(project, "0001_users.down.sql", "DROP TABLE users;\n");
        MigrationFiles.write(project, "0002_roles.up.sql", ROLES);
        MigrationFiles.write(
                project, "0002_roles.down.sql", "DROP VIEW admins;\nDROP TABLE user_roles;\nDROP TABLE roles;\n");
        MigrationFiles.write(project, "0003_tags.up.sql", "CREATE TABLE tags (name TEXT PRIMARY KEY);\n");
        MigrationFiles.write(project, "0003_tags.down.sql", "DROP TABLE tags;\n");

        SquashResult squash = strata(url).squash(Version.parse("0002"), false);

        assertThat(squash.removed())
                .containsExactly(
                        Path.of("migrations", "0001_users.up.sql").toString(),
                        Path.of("migrations", "0001_users.down.sql").toString(),
                        Path.of("migrations", "0002_roles.down.sql").toString());
        assertThat(folder()).containsOnlyKeys("0002_roles.up.sql", "0003_tags.up.sql", "0003_tags.down.sql");
        dev.strata.verify.RollbackReport test = strata(url).testRollbacks();
        assertThat(test.ok()).as(test.toString()).isTrue();
        assertThat(test.count(dev.strata.verify.RollbackResult.Status.PASSED)).isEqualTo(1);
        assertThat(test.count(dev.strata.verify.RollbackResult.Status.NO_DOWN)).isEqualTo(1);
        assertThat(strata(url).migrate().applied()).hasSize(2);
    }

    @Test
    void onSqliteDieselFoldersKeepAnEmptiedDownScriptAndAnOldDatabaseIsRecognised() throws IOException {
        String url = "sqlite:" + project.resolve("dev.db");
        MigrationFiles.write(project, "2025-01-23-000001_users/up.sql", USERS);
        MigrationFiles.write(project, "2025-01-23-000001_users/down.sql", "DROP TABLE users;\n");
        MigrationFiles.write(project, "2025-01-23-000002_roles/up.sql", ROLES);
        MigrationFiles.write(
                project,
                "2025-01-23-000002_roles/down.sql",
                "DROP VIEW admins;\nDROP TABLE user_roles;\nDROP TABLE roles;\n");
        strata(url).migrate();
        MigrationFiles.write(project, "2025-01-24-000001_tags/up.sql", "CREATE TABLE tags (name TEXT PRIMARY KEY);\n");
        MigrationFiles.write(project, "2025-01-24-000001_tags/down.sql", "DROP TABLE tags;\n");
        String to = strata(url).status().migrations().get(1).version().text();

        strata(url).squash(Version.parse(to), false);

        Path migrations = project.resolve("migrations");
        assertThat(migrations.resolve("2025-01-23-000001_users")).doesNotExist();
        assertThat(Files.readString(migrations.resolve("2025-01-23-000002_roles/up.sql")))
                .contains("-- strata:squashes ");
        assertThat(Files.readString(migrations.resolve("2025-01-23-000002_roles/down.sql")))
                .startsWith("-- ");
        assertThat(strata(url).status().migrations())
                .extracting(MigrationStatus::state)
                .containsExactly(MigrationState.SQUASHED, MigrationState.EQUIVALENT, MigrationState.PENDING);
        assertThat(strata(url).migrate().applied()).hasSize(1);
        String fresh = "sqlite:" + project.resolve("fresh.db");
        assertThat(strata(fresh).migrate().applied()).hasSize(2);
        assertThat(Jdbc.query(fresh, "SELECT email FROM admins")).containsExactly(List.of("a@example.com"));
    }

    @Test
    void onSqliteDbmateFilesBecomeABaselineInDbmatesOwnFormatAndAnOldDatabaseIsRecognised() throws IOException {
        String old = "sqlite:" + project.resolve("old.db");
        MigrationFiles.write(
                project,
                "20250123000001_users.sql",
                "-- migrate:up\n" + USERS + "\n-- migrate:down\nDROP TABLE users;\n");
        MigrationFiles.write(
                project,
                "20250123000002_roles.sql",
                "-- migrate:up\n" + ROLES
                        + "\n-- migrate:down\nDROP VIEW admins;\nDROP TABLE user_roles;\nDROP TABLE roles;\n");
        strata(old).migrate();
        String tags =
                "-- migrate:up\nCREATE TABLE tags (name TEXT PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE tags;\n";
        MigrationFiles.write(project, "20250124000001_tags.sql", tags);

        SquashResult squash = strata(old).squash(Version.parse("20250123000002"), false);

        assertThat(squash.removed())
                .containsExactly(
                        Path.of("migrations", "20250123000001_users.sql").toString());
        Map<String, String> folder = folder();
        assertThat(folder).containsOnlyKeys("20250123000002_roles.sql", "20250124000001_tags.sql");
        assertThat(folder.get("20250123000002_roles.sql"))
                .startsWith("-- migrate:up\n-- Squash baseline written by 'strata squash --to 20250123000002'")
                .contains("-- strata:squashes 20250123000001 ", "CREATE TABLE users", "INSERT INTO")
                .endsWith("\n-- migrate:down\n");
        assertThat(folder.get("20250124000001_tags.sql")).isEqualTo(tags);
        assertThat(states(strata(old)))
                .containsExactly(
                        Map.entry("20250123000001", MigrationState.SQUASHED),
                        Map.entry("20250123000002", MigrationState.EQUIVALENT),
                        Map.entry("20250124000001", MigrationState.PENDING));
        assertThat(strata(old).migrate().applied()).hasSize(1);
        String fresh = "sqlite:" + project.resolve("fresh.db");
        assertThat(strata(fresh).migrate().applied()).hasSize(2);
        assertThat(Jdbc.query(fresh, "SELECT email FROM admins")).containsExactly(List.of("a@example.com"));
        assertThat(strata(fresh).drift().drifted()).isFalse();
        // The baseline's down section is empty: irreversible, so strata test reverts only the later file.
        dev.strata.verify.RollbackReport test = strata(fresh).testRollbacks();
        assertThat(test.ok()).as(test.toString()).isTrue();
        assertThat(test.count(dev.strata.verify.RollbackResult.Status.NO_DOWN)).isEqualTo(1);
    }

    @Test
    void onSqliteASecondSquashOverTheFirstRecognisesDatabasesFromBeforeEither() throws IOException {
        String ancient = "sqlite:" + project.resolve("ancient.db");
        String stale = "sqlite:" + project.resolve("stale.db");
        String middle = "sqlite:" + project.resolve("middle.db");
        String fresh = "sqlite:" + project.resolve("fresh.db");
        MigrationFiles.write(project, "0001_users.sql", USERS);
        MigrationFiles.write(project, "0002_roles.sql", ROLES);
        strata(ancient).migrate();
        strata(stale).migrate();
        MigrationFiles.write(project, "0003_events.sql", events(false));
        strata(ancient).migrate();
        strata(ancient).squash(Version.parse("0002"), false);
        assertThat(strata(middle).migrate().applied()).hasSize(2); // the first baseline, then 0003
        MigrationFiles.write(project, "0004_later.sql", LATER);

        SquashResult second = strata(ancient).squash(Version.parse("0003"), false);

        assertThat(second.replaced()).containsExactly("0002_roles", "0003_events");
        assertThat(second.text())
                .contains("-- strata:squashes 0001 " + dev.strata.source.Checksums.sha256(USERS) + " users within=0002")
                .contains(
                        "-- strata:squashes 0002 " + dev.strata.source.Checksums.sha256(ROLES) + " roles within=0002");
        assertThat(folder()).containsOnlyKeys("0003_events.sql", "0004_later.sql");
        assertThat(states(strata(ancient)))
                .containsExactly(
                        Map.entry("0001", MigrationState.SQUASHED),
                        Map.entry("0002", MigrationState.SQUASHED),
                        Map.entry("0003", MigrationState.EQUIVALENT),
                        Map.entry("0004", MigrationState.PENDING));
        assertThat(states(strata(middle)))
                .containsExactly(
                        Map.entry("0002", MigrationState.SQUASHED),
                        Map.entry("0003", MigrationState.EQUIVALENT),
                        Map.entry("0004", MigrationState.PENDING));
        for (String url : List.of(ancient, middle)) {
            assertThat(strata(url).migrate().applied())
                    .extracting(row -> row.version().text())
                    .containsExactly("0004");
            assertThat(strata(url).drift().differences()).isEmpty();
        }
        assertThat(strata(fresh).migrate().applied())
                .extracting(row -> row.version().text())
                .containsExactly("0003", "0004");
        String events = "SELECT id, kind FROM events ORDER BY id";
        assertThat(Jdbc.query(fresh, events))
                .isEqualTo(Jdbc.query(ancient, events))
                .isEqualTo(Jdbc.query(middle, events));
        assertThatThrownBy(() -> strata(stale).migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("applied: 0002_roles; never applied: 0003_events");
    }

    private Map<String, MigrationState> states(Strata strata) {
        return strata.status().migrations().stream()
                .collect(Collectors.toMap(
                        (MigrationStatus row) -> row.version().text(),
                        MigrationStatus::state,
                        (a, b) -> a,
                        TreeMap::new));
    }

    private static List<String> history(String url) {
        return Jdbc.query(url, "SELECT version FROM strata_history ORDER BY version").stream()
                .map(row -> row.get(0))
                .toList();
    }

    private Map<String, String> folder() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(project.resolve("migrations"))) {
            for (Path file : paths.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }
}
