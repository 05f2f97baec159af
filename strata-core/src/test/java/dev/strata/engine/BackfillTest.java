package dev.strata.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.dialect.BackfillProgress;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.history.AppliedMigration;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -- strata:backfill}: an UPDATE run in key-range batches, each committed with its progress, on
 * a real SQLite file and a real PostgreSQL database. Every UPDATE here increments {@code touched}, so
 * a batch that ran twice would show as a 2.
 */
class BackfillTest {

    private static final int ROWS = 2_500;

    @TempDir
    Path project;

    private String url;
    private final List<BackfillProgress> reports = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void runsTheUpdateInBatchesAndRecordsTheMigrationOnceAllAreDone(String engine) throws Exception {
        start(engine);
        write(
                "002_fill.sql",
                "-- strata:no-transaction\n"
                        + "ALTER TABLE items ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;\n"
                        + "-- strata:backfill batch=1000 pause=0ms\n"
                        + "UPDATE items SET touched = touched + 1, score = score * 2 WHERE score > 0;\n");

        List<AppliedMigration> applied = strata().migrate().applied();

        assertThat(applied).extracting(AppliedMigration::name).containsExactly("fill");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE touched = 1"))
                .isEqualTo(ROWS - 1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE touched = 0 AND score = 0"))
                .as("the row the WHERE leaves out")
                .isEqualTo(1);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE score = id * 2 AND id <> 7"))
                .isEqualTo(ROWS - 1);
        assertThat(reports).isNotEmpty();
        BackfillProgress last = reports.get(reports.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.rows()).isEqualTo(ROWS - 1);
        assertThat(last.source()).endsWith("002_fill.sql");
        assertThat(last.line()).isEqualTo(4);
        assertThat(reports.get(0).rows())
                .as("the first report comes after the first batch")
                .isEqualTo(999);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM strata_history_backfill"))
                .as("the progress rows go once the migration is recorded")
                .isZero();
        assertThat(strata().dump(false).schema().tables())
                .extracting(t -> t.name().name())
                .doesNotContain("strata_history_backfill");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aBatchThatFailsLeavesTheEarlierOnesAndMigrateGoesOnFromThereOnceTheDataIsFixed(String engine)
            throws Exception {
        start(engine);
        Jdbc.execute(url, "UPDATE items SET score = -10 WHERE id = 1500");
        write(
                "002_fill.sql",
                "-- strata:no-transaction\n"
                        + "ALTER TABLE items ADD COLUMN touched INTEGER NOT NULL DEFAULT 0 CHECK (touched <= 1);\n"
                        + "ALTER TABLE items ADD COLUMN half INTEGER CHECK (half >= 0);\n"
                        + "-- strata:backfill batch=1000 pause=0ms\n"
                        + "UPDATE items SET touched = touched + 1, half = score / 2 WHERE half IS NULL;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("002_fill.sql:5: statement failed: UPDATE items SET touched")
                .hasMessageContaining("the batches before this one are committed")
                .hasMessageContaining("run 'strata migrate' again: it goes on after the last committed batch");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE touched = 1"))
                .as("the first batch committed")
                .isEqualTo(1000);
        assertThat(state("fill")).isEqualTo(MigrationState.FAILED);
        assertThat(strata().validate(false).problems())
                .as("migrate goes on with it: nothing to clean up")
                .isEmpty();

        Jdbc.execute(url, "UPDATE items SET score = 3000 WHERE id = 1500");
        List<AppliedMigration> applied = strata().migrate().applied();

        assertThat(applied).extracting(AppliedMigration::name).containsExactly("fill");
        assertThat(notices)
                .anySatisfy(
                        n -> assertThat(n)
                                .contains(
                                        "002_fill.sql: recorded as failed part-way through the backfill at line 5; it goes on after"
                                                + " key 1000 (1,000 rows done before), without running again the 2 statements before it, which had run."));
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE touched = 1"))
                .as("every row once: the ALTERs did not run again, no batch ran twice")
                .isEqualTo(ROWS);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE half = score / 2"))
                .isEqualTo(ROWS);
        assertThat(state("fill")).isEqualTo(MigrationState.APPLIED);
        assertThat(reports.get(reports.size() - 1).rows()).isEqualTo(ROWS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aKilledRunIsGoneOnWithFromItsLastCommittedBatch(String engine) throws Exception {
        start(engine);
        write(
                "002_fill.sql",
                "-- strata:no-transaction\n"
                        + "-- strata:backfill batch=500 pause=0ms\n"
                        + "UPDATE items SET score = score + 1000000 WHERE score < 1000000;\n");
        // What a process killed after its first batch leaves: the row reserved as failed, one batch's progress.
        // The listener's exception leaves the backfill as a kill would: nothing after it runs.
        Strata killed = strataListening(new MigrationListener() {
            @Override
            public void backfilled(BackfillProgress progress) {
                throw new IllegalStateException("killed");
            }
        });
        assertThatThrownBy(killed::migrate).hasMessageContaining("killed");
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE score >= 1000000"))
                .isEqualTo(500);
        assertThat(state("fill")).isEqualTo(MigrationState.FAILED);

        assertThat(strata().migrate().applied())
                .extracting(AppliedMigration::name)
                .containsExactly("fill");

        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE score >= 1000000 AND score < 2000000"))
                .as("every row once")
                .isEqualTo(ROWS);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("it goes on after key 500 (500 rows done before)."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void backfillsAreRefusedWhilePlanningWhereTheyCantWork(String engine) throws Exception {
        start(engine);
        write(
                "002_bad.sql",
                "UPDATE items SET score = 1 WHERE score = 0;\n"
                        + "-- strata:backfill batch=1000\n"
                        + "UPDATE items SET score = 2 WHERE score = 1;\n");
        write(
                "003_worse.sql",
                "-- strata:no-transaction\n"
                        + "-- strata:backfill batch=ten\n"
                        + "UPDATE items SET score = 1 WHERE score = 0;\n"
                        + "-- strata:backfill pause=5\n"
                        + "UPDATE items SET score = 1 WHERE score = 0;\n"
                        + "-- strata:backfill size=5\n"
                        + "UPDATE items SET score = 1 WHERE score = 0;\n"
                        + "-- strata:backfill\n"
                        + "DELETE FROM items WHERE score = 0;\n"
                        + "-- strata:backfill\n"
                        + "UPDATE items SET score = 1;\n"
                        + "-- strata:backfill\n"
                        + "UPDATE items SET score = i.id FROM items i WHERE items.score IS DISTINCT FROM i.id;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("002_bad.sql:2: '-- strata:backfill' needs a migration that runs outside strata's"
                        + " transaction")
                .hasMessageContaining("003_worse.sql:2: '-- strata:backfill': batch takes a whole number")
                .hasMessageContaining("003_worse.sql:4: '-- strata:backfill': pause takes a whole number with a unit")
                .hasMessageContaining("003_worse.sql:6: '-- strata:backfill': unknown setting 'size'")
                .hasMessageContaining("003_worse.sql:8: '-- strata:backfill': the statement after it (line 9: DELETE"
                        + " FROM items WHERE score = 0) is not an UPDATE")
                .hasMessageContaining("003_worse.sql:10: '-- strata:backfill': the statement after it (line 11: UPDATE"
                        + " items SET score = 1) has no WHERE")
                // A FROM clause is refused; IS DISTINCT FROM in the WHERE (as alter --online writes) is not one.
                .hasMessageContaining("003_worse.sql:12: '-- strata:backfill': the statement after it (line 13: UPDATE"
                        + " items SET score = i.id FROM items i WHERE items.score IS DISTINCT FROM i.id) has FROM at"
                        + " line 13;")
                .satisfies(refusal -> assertThat(refusal.getMessage()).containsOnlyOnce("has FROM"));
        assertThat(state("bad")).isEqualTo(MigrationState.PENDING);
        assertThat(Jdbc.count(url, "SELECT count(*) FROM items WHERE score <> id AND id <> 7"))
                .isZero();
    }

    @org.junit.jupiter.api.Test
    void onPostgresATableWithoutASingleIntegerKeyIsRefusedWhilePlanningWithItsName() throws Exception {
        start("postgres");
        Jdbc.execute(
                url,
                "CREATE TABLE loose (v INTEGER); CREATE TABLE pairs (a INTEGER, b INTEGER, v INTEGER,"
                        + " PRIMARY KEY (a, b)); CREATE TABLE named (code TEXT PRIMARY KEY, v INTEGER)");
        write(
                "002_fill.sql",
                "-- strata:no-transaction\n"
                        + "-- strata:backfill\nUPDATE loose SET v = 1 WHERE v IS NULL;\n"
                        + "-- strata:backfill\nUPDATE pairs SET v = 1 WHERE v IS NULL;\n"
                        + "-- strata:backfill\nUPDATE named SET v = 1 WHERE v IS NULL;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationRefusedException.class)
                .hasMessageContaining("002_fill.sql:2: '-- strata:backfill': a backfill walks the table loose in ranges"
                        + " of its primary key, which must be one column of type smallint, integer or bigint;"
                        + " loose has no primary key.")
                .hasMessageContaining("002_fill.sql:4: '-- strata:backfill': a backfill walks the table pairs")
                .hasMessageContaining("its primary key has 2 columns.")
                .hasMessageContaining("002_fill.sql:6: '-- strata:backfill': a backfill walks the table named")
                .hasMessageContaining("its primary key code is of type text.");
        assertThat(state("fill")).isEqualTo(MigrationState.PENDING);
    }

    private void start(String engine) throws Exception {
        url = engine.equals("sqlite") ? "sqlite:" + project.resolve("app.db") : PostgresServer.newDatabaseUrl();
        write("001_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, score INTEGER NOT NULL);\n");
        strata().migrate();
        Jdbc.execute(
                url,
                engine.equals("sqlite")
                        ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ")"
                                + " INSERT INTO items (id, score) SELECT i, i FROM n"
                        : "INSERT INTO items (id, score) SELECT i, i FROM generate_series(1, " + ROWS + ") AS i");
        Jdbc.execute(url, "UPDATE items SET score = 0 WHERE id = 7");
    }

    private void write(String file, String text) throws Exception {
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(migrations.resolve(file), text);
    }

    private Strata strata() {
        return strataListening(new MigrationListener() {
            @Override
            public void backfilled(BackfillProgress progress) {
                reports.add(progress);
            }

            @Override
            public void notice(String message) {
                notices.add(message);
            }
        });
    }

    private Strata strataListening(MigrationListener listener) {
        return Strata.configure()
                .projectDir(project)
                .url(url)
                .environmentVariables(Map.of())
                .listener(listener)
                .load();
    }

    private MigrationState state(String name) {
        return strata().status().migrations().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow()
                .state();
    }
}
