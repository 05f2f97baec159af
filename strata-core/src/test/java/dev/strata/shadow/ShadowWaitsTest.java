package dev.strata.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.dialect.Database;
import dev.strata.engine.MigrationListener;
import dev.strata.refactor.AlterOperation;
import dev.strata.refactor.AlterRequest;
import dev.strata.report.MigrationDocs;
import dev.strata.source.Version;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command that replays the migrations on a configured PostgreSQL {@code shadow_url} tells its
 * listener when another run holds that shadow, and goes on once it is free: a user sees why the
 * command waits instead of a silent hang.
 */
class ShadowWaitsTest {

    /** The commands that open the shadow themselves, beside the lint gate and the inspections. */
    enum Command {
        ALTER(strata -> strata.alter(new AlterRequest(
                "users", List.of(new AlterOperation.ChangeType("email", "varchar(200)", Optional.empty()))))),
        DOCS(strata -> strata.docs(MigrationDocs.DEFAULT_FILE)),
        TEST_ROLLBACKS(Strata::testRollbacks),
        SQUASH_DRY_RUN(strata -> strata.squash(Version.parse("0002"), true)),
        ADVISE_FROM_MIGRATIONS(strata -> strata.advise(true));

        private final Consumer<Strata> run;

        Command(Consumer<Strata> run) {
            this.run = run;
        }
    }

    private static String target;
    private static String shadowUrl;

    @TempDir
    Path project;

    /** One shadow for every case: each command leaves it empty, as the next one requires. */
    @BeforeAll
    static void databases() {
        target = PostgresServer.newDatabaseUrl();
        shadowUrl = PostgresServer.newDatabaseUrl();
    }

    @ParameterizedTest
    @EnumSource
    void aCommandWaitingForTheConfiguredShadowSaysSoAndGoesOnWhenItIsFree(Command command) throws Exception {
        writeProject();
        List<String> told = new CopyOnWriteArrayList<>();
        Strata strata = Strata.configure()
                .projectDir(project)
                .url(target)
                .listener(new MigrationListener() {
                    @Override
                    public void waiting(String what) {
                        told.add(what);
                    }
                })
                .load();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Database otherRun = AnotherRun.openShadow(
                ConfigLoader.load(ConfigOptions.in(project).withUrl(target).withEnv(Map.of())));
        try {
            otherRun.lock();
            Future<?> run = pool.submit(() -> command.run.accept(strata));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (told.isEmpty() && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(run)
                    .as("the command went on while another run held the shadow")
                    .isNotDone();
            assertThat(told)
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("another strata process holds the migration lock on PostgreSQL database")
                    .endsWith("waiting for it to finish");

            otherRun.close();
            run.get(60, TimeUnit.SECONDS);
        } finally {
            otherRun.close();
            pool.shutdownNow();
        }
        assertThat(told).hasSize(1);
        assertThat(Jdbc.count(
                        shadowUrl,
                        "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                                + " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"))
                .as("the shadow is left empty")
                .isZero();
    }

    private void writeProject() throws IOException {
        Files.writeString(project.resolve("strata.toml"), "[migrations]\nshadow_url = \"" + shadowUrl + "\"\n");
        Path migrations = Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                migrations.resolve("0001_users.up.sql"),
                "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
        Files.writeString(migrations.resolve("0001_users.down.sql"), "DROP TABLE users;\n");
        Files.writeString(
                migrations.resolve("0002_orders.up.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n");
        Files.writeString(migrations.resolve("0002_orders.down.sql"), "DROP TABLE orders;\n");
    }
}
