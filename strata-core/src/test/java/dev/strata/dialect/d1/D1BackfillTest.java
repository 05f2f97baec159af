package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.D1Address;
import dev.strata.dialect.BackfillProgress;
import dev.strata.dialect.MigrationFailedException;
import dev.strata.engine.MigrationListener;
import dev.strata.engine.MigrationState;
import dev.strata.engine.MigrationStatus;
import dev.strata.history.AppliedMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -- strata:backfill} on remote D1 (the test endpoint: real local D1 behind Cloudflare's REST
 * routes): each batch is one request holding the UPDATE on its rowid range and the progress row, and
 * a migration whose batch failed goes on from the last committed batch once the data is fixed.
 */
class D1BackfillTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("filled");

    private static final int ROWS = 2_500;

    @TempDir
    Path project;

    private final List<BackfillProgress> reports = new ArrayList<>();
    /** Runs on the backfill's thread at its first progress report, right after its first batch. */
    private Runnable afterFirstBatch = () -> {};

    private void write(String file, String sql) throws IOException {
        Files.writeString(
                project.resolve("wrangler.toml"),
                "name = \"app\"\n\n[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"filled\"\ndatabase_id = \""
                        + D1.database("filled").id() + "\"\n");
        Files.writeString(Files.createDirectories(project.resolve("migrations")).resolve(file), sql);
    }

    private Strata strata() {
        return Strata.configure()
                .projectDir(project)
                .url("d1:DB")
                .environmentVariables(D1.environment())
                .listener(new MigrationListener() {
                    @Override
                    public void backfilled(BackfillProgress progress) {
                        reports.add(progress);
                        if (reports.size() == 1) {
                            afterFirstBatch.run();
                        }
                    }
                })
                .load();
    }

    private static String scalar(String sql) {
        return client().run(D1Statement.of(sql)).get(0).text(0, 0);
    }

    private static D1Client client() {
        return new D1Client(
                new D1Address(
                        D1.baseUrl(), D1.accountId(), D1.database("filled").id(), "d1_migrations", Optional.empty()),
                D1.apiToken(),
                "test");
    }

    private void items() throws IOException {
        write("0001_items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, score INTEGER NOT NULL);\n");
        strata().migrate();
        client().run(D1Statement.of("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS
                + ") INSERT INTO items (id, score) SELECT i, i FROM n"));
    }

    private MigrationState state(String name) {
        return strata().status().migrations().stream()
                .filter(m -> m.name().equals(name))
                .map(MigrationStatus::state)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachBatchIsOneRequestWithItsProgressAndTheMigrationIsRecordedAtTheEnd() throws Exception {
        items();
        write(
                "0002_fill.sql",
                "-- strata:no-transaction\n"
                        + "ALTER TABLE items ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;\n"
                        + "-- strata:backfill batch=1000 pause=0ms\n"
                        + "UPDATE items SET touched = touched + 1 WHERE touched = 0;\n");
        D1.clearRequestCounts();

        List<AppliedMigration> applied = strata().migrate().applied();

        int thousands = D1.requestCounts().total();
        assertThat(applied).extracting(AppliedMigration::name).containsExactly("fill");
        assertThat(scalar("SELECT count(*) FROM items WHERE touched = 1")).isEqualTo(Integer.toString(ROWS));
        assertThat(reports.get(reports.size() - 1).rows()).isEqualTo(ROWS);
        assertThat(reports.get(reports.size() - 1).done()).isTrue();
        assertThat(scalar("SELECT count(*) FROM strata_history_backfill")).isEqualTo("0");
        assertThat(scalar("SELECT success FROM strata_history WHERE version = '0002'"))
                .isEqualTo("1");

        // The same shape of migration in batches of 500: 5 batches instead of 3, and nothing else differs
        // but the ALTER; each batch costs its key read and its one request.
        write(
                "0003_again.sql",
                "-- strata:no-transaction\n"
                        + "SELECT 1;\n"
                        + "-- strata:backfill batch=500 pause=0ms\n"
                        + "UPDATE items SET touched = touched + 1 WHERE touched = 1;\n");
        D1.clearRequestCounts();
        strata().migrate();
        int fiveHundreds = D1.requestCounts().total();

        assertThat(scalar("SELECT count(*) FROM items WHERE touched = 2")).isEqualTo(Integer.toString(ROWS));
        assertThat(fiveHundreds - thousands)
                .as("two more batches, two requests each")
                .isEqualTo(4);
    }

    @Test
    void aFailedBatchLeavesTheEarlierOnesAndMigrateGoesOnFromThere() throws Exception {
        items();
        client().run(D1Statement.of("UPDATE items SET score = -10 WHERE id = 1500"));
        write(
                "0002_fill.sql",
                "-- strata:no-transaction\n"
                        + "ALTER TABLE items ADD COLUMN touched INTEGER NOT NULL DEFAULT 0 CHECK (touched <= 1);\n"
                        + "ALTER TABLE items ADD COLUMN half INTEGER CHECK (half >= 0);\n"
                        + "-- strata:backfill batch=1000 pause=0ms\n"
                        + "UPDATE items SET touched = touched + 1, half = score / 2 WHERE half IS NULL;\n");

        assertThatThrownBy(() -> strata().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("0002_fill.sql:5: statement failed: UPDATE items SET touched")
                .hasMessageContaining("CHECK constraint failed");
        assertThat(scalar("SELECT count(*) FROM items WHERE touched = 1")).isEqualTo("1000");
        assertThat(state("fill")).isEqualTo(MigrationState.FAILED);

        client().run(D1Statement.of("UPDATE items SET score = 3000 WHERE id = 1500"));
        assertThat(strata().migrate().applied())
                .extracting(AppliedMigration::name)
                .containsExactly("fill");

        assertThat(scalar("SELECT count(*) FROM items WHERE touched = 1")).isEqualTo(Integer.toString(ROWS));
        assertThat(scalar("SELECT count(*) FROM items WHERE half = score / 2")).isEqualTo(Integer.toString(ROWS));
        assertThat(state("fill")).isEqualTo(MigrationState.APPLIED);
    }

    @Test
    void aTableThatKeepsGrowingIsNotChasedAndRowsAboveThatNeedTheChangeAreCovered() throws Exception {
        items();
        write(
                "0002_fill.sql",
                "-- strata:no-transaction\n"
                        + "ALTER TABLE items ADD COLUMN touched INTEGER NOT NULL DEFAULT 0;\n"
                        + "-- strata:backfill batch=100 pause=0ms\n"
                        + "UPDATE items SET touched = 1 WHERE touched = 0;\n");
        // Once the backfill is under way, old code adds rows that need the change above the largest key
        // the walk began with, and new code keeps inserting rows that don't, faster than the walk goes.
        int needing = 300;
        int cap = 200_000;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = new Thread(() -> {
            D1Client own = client();
            while (!stop.get() && inserted.get() < cap) {
                own.run(D1Statement.of("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                        + " INSERT INTO items (score, touched) SELECT i, 1 FROM n"));
                inserted.addAndGet(200);
            }
        });
        afterFirstBatch = () -> {
            client().run(D1Statement.of("WITH RECURSIVE n(i) AS (SELECT " + (ROWS + 1) + " UNION ALL SELECT i + 1"
                    + " FROM n WHERE i < " + (ROWS + needing) + ") INSERT INTO items (id, score) SELECT i, i FROM n"));
            writer.start();
        };

        List<AppliedMigration> applied;
        int insertedWhileRunning;
        try {
            applied = strata().migrate().applied();
            insertedWhileRunning = inserted.get();
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(applied).extracting(AppliedMigration::name).containsExactly("fill");
        assertThat(insertedWhileRunning)
                .as("the table grew while the backfill ran, and the walk ended before the writer gave up")
                .isPositive()
                .isLessThan(cap);
        assertThat(scalar("SELECT count(*) FROM items WHERE touched = 0")).isEqualTo("0");
        assertThat(reports.get(reports.size() - 1).rows()).isEqualTo(ROWS + needing);
        assertThat(reports.get(reports.size() - 1).done()).isTrue();
    }

    @Test
    void noTransactionWithoutABackfillIsStillRefused() throws Exception {
        items();
        write("0002_plain.sql", "-- strata:no-transaction\nUPDATE items SET score = 1 WHERE score = 2;\n");

        assertThatThrownBy(() -> strata().migrate())
                .hasMessageContaining("'-- strata:no-transaction' can't be honoured on remote D1");
    }
}
