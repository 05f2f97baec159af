package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.Strata;
import dev.strata.config.ConfigurationException;
import dev.strata.engine.MigrateOptions;
import dev.strata.environments.Confirmation;
import dev.strata.testing.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fleets of real SQLite files: one broken among many, parallelism, fail-fast, canaries, retries. */
class SqliteFleetTest {

    @TempDir
    Path project;

    @BeforeEach
    void migrations() throws IOException {
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_users.sql"),
                "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);");
        Files.writeString(project.resolve("migrations/0002_email.sql"), "CREATE INDEX users_email ON users (email);");
        Files.createDirectories(project.resolve("tenants"));
    }

    /** {@code count} empty SQLite files tenants/t000.db ...; returns their strata URLs. */
    private List<String> tenants(int count) throws IOException {
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = project.resolve("tenants/t%03d.db".formatted(i));
            Files.createFile(file);
            urls.add("sqlite:tenants/" + file.getFileName());
        }
        return urls;
    }

    /** A table the first migration creates, made by hand: that migration fails there. */
    private void breakTenant(int index) {
        Jdbc.execute(
                "sqlite:" + project.resolve("tenants/t%03d.db".formatted(index)), "CREATE TABLE users (other TEXT)");
    }

    private Fleet fleet(String toml) throws IOException {
        Files.writeString(project.resolve("fleet.toml"), toml);
        return Strata.configure()
                .projectDir(project)
                .environmentVariables(Map.of())
                .fleet(Path.of("fleet.toml"));
    }

    private static FleetCommand migrate() {
        return FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK);
    }

    private static FleetRunOptions parallel(int n) {
        return new FleetRunOptions(n, false, 0, false, Optional.empty());
    }

    @Test
    void twoHundredFilesWithOneBrokenReportItAndMigrateTheOthersInParallel() throws IOException {
        List<String> urls = tenants(200);
        breakTenant(137);
        Fleet fleet = fleet("""
                # every tenant's file
                [[target]]
                sqlite = "tenants/*.db"
                """);
        assertThat(fleet.targets()).hasSize(200);

        FleetReport report = fleet.run(migrate(), parallel(4), FleetListener.SILENT);

        assertThat(report.ok()).isFalse();
        assertThat(report.count(TargetResult.Outcome.OK)).isEqualTo(199);
        TargetResult broken = report.results().get(137);
        assertThat(broken.target()).isEqualTo("sqlite:tenants/t137.db");
        assertThat(broken.outcome()).isEqualTo(TargetResult.Outcome.FAILED);
        assertThat(broken.message()).get().asString().contains("users");
        assertThat(broken.applied()).hasValue(0);
        assertThat(broken.failed()).hasValue(1);
        assertThat(broken.pending()).hasValue(2);
        for (int i = 0; i < 200; i++) {
            if (i != 137) {
                assertThat(report.results().get(i).applied()).hasValue(2);
                assertThat(Jdbc.count(
                                urls.get(i).replace("sqlite:", "sqlite:" + project + "/"),
                                "SELECT count(*) FROM strata_history"))
                        .isEqualTo(2);
            }
        }
        assertThat(overlapping(report.results()))
                .as("targets ran at the same time with --parallel 4")
                .isTrue();
        JsonNode summary =
                new ObjectMapper().readTree(project.resolve(Fleet.SUMMARY_FILE).toFile());
        assertThat(summary.get("command").asText()).isEqualTo("migrate");
        assertThat(summary.get("targets")).hasSize(200);
        assertThat(summary.get("targets").get(137).get("outcome").asText()).isEqualTo("failed");
        assertThat(summary.get("counts").get("ok").asInt()).isEqualTo(199);
    }

    @Test
    void oneAtATimeNeverOverlapsAndRetryRunsOnlyWhatFailed() throws IOException {
        tenants(12);
        breakTenant(5);
        Fleet fleet = fleet("""
                [[target]]
                sqlite = "tenants/t*.db"
                """);
        FleetReport first = fleet.run(migrate(), parallel(1), FleetListener.SILENT);
        assertThat(overlapping(first.results())).isFalse();
        assertThat(first.count(TargetResult.Outcome.FAILED)).isEqualTo(1);

        Jdbc.execute("sqlite:" + project.resolve("tenants/t005.db"), "DROP TABLE users");
        List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        FleetReport retry =
                fleet.run(migrate(), new FleetRunOptions(3, false, 0, true, Optional.empty()), new FleetListener() {
                    @Override
                    public void started(FleetTarget target) {
                        started.add(target.name());
                    }
                });
        assertThat(started).containsExactly("sqlite:tenants/t005.db");
        assertThat(retry.ran()).isEqualTo(1);
        assertThat(retry.ok()).isTrue();
        // The ones that succeeded before keep their first result, times included.
        assertThat(retry.results().get(0)).isEqualTo(first.results().get(0));
        assertThat(retry.results().get(5).applied()).hasValue(2);

        FleetReport nothing =
                fleet.run(migrate(), new FleetRunOptions(3, false, 0, true, Optional.empty()), FleetListener.SILENT);
        assertThat(nothing.ran()).isZero();
        assertThat(nothing.ok()).isTrue();
    }

    @Test
    void failFastStartsNothingAfterTheFirstFailure() throws IOException {
        tenants(8);
        breakTenant(2);
        Fleet fleet = fleet("""
                [[target]]
                sqlite = "tenants/*.db"
                """);
        FleetReport report =
                fleet.run(migrate(), new FleetRunOptions(1, true, 0, false, Optional.empty()), FleetListener.SILENT);

        assertThat(report.results())
                .extracting(TargetResult::outcome)
                .containsExactly(
                        TargetResult.Outcome.OK,
                        TargetResult.Outcome.OK,
                        TargetResult.Outcome.FAILED,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN);
        assertThat(report.results().get(3).message()).get().asString().contains("--fail-fast");
        assertThat(Files.size(project.resolve("tenants/t007.db")))
                .as("never opened")
                .isZero();
    }

    @Test
    void aFailedCanaryStopsTheFleetAndGoodCanariesLetItRun() throws IOException {
        tenants(6);
        breakTenant(1);
        Fleet fleet = fleet("""
                [[target]]
                sqlite = "tenants/*.db"
                """);
        FleetReport stopped =
                fleet.run(migrate(), new FleetRunOptions(4, false, 2, false, Optional.empty()), FleetListener.SILENT);
        assertThat(stopped.results())
                .extracting(TargetResult::outcome)
                .containsExactly(
                        TargetResult.Outcome.OK,
                        TargetResult.Outcome.FAILED,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN,
                        TargetResult.Outcome.NOT_RUN);
        assertThat(stopped.results().get(4).message()).get().asString().contains("canary sqlite:tenants/t001.db");

        Jdbc.execute("sqlite:" + project.resolve("tenants/t001.db"), "DROP TABLE users");
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        FleetReport passed =
                fleet.run(migrate(), new FleetRunOptions(4, false, 2, false, Optional.empty()), new FleetListener() {
                    @Override
                    public void started(FleetTarget target) {
                        order.add("start " + target.name());
                    }

                    @Override
                    public void finished(FleetTarget target, TargetResult result) {
                        order.add("end " + target.name());
                    }
                });
        assertThat(passed.ok()).isTrue();
        // Both canaries end before any other target starts.
        int lastCanaryEnd =
                Math.max(order.indexOf("end sqlite:tenants/t000.db"), order.indexOf("end sqlite:tenants/t001.db"));
        assertThat(order.indexOf("start sqlite:tenants/t002.db")).isGreaterThan(lastCanaryEnd);
    }

    @Test
    void statusValidateDriftAndCheckRunOnTheFleet() throws IOException {
        tenants(3);
        Fleet fleet = fleet("""
                [[target]]
                url = "sqlite:tenants/t000.db"
                [[target]]
                sqlite = "tenants/t00[12].db"
                """);
        FleetReport before = fleet.run(FleetCommand.status(), parallel(2), FleetListener.SILENT);
        assertThat(before.results()).allSatisfy(r -> assertThat(r.pending()).hasValue(2));
        fleet.run(migrate(), parallel(2), FleetListener.SILENT);
        Jdbc.execute("sqlite:" + project.resolve("tenants/t002.db"), "CREATE TABLE extra (n INTEGER)");

        FleetReport status = fleet.run(FleetCommand.status(), parallel(2), FleetListener.SILENT);
        assertThat(status.results()).allSatisfy(r -> {
            assertThat(r.applied()).hasValue(2);
            assertThat(r.pending()).hasValue(0);
        });
        assertThat(fleet.run(FleetCommand.validate(false), parallel(2), FleetListener.SILENT)
                        .ok())
                .isTrue();
        FleetReport drift = fleet.run(FleetCommand.drift(), parallel(2), FleetListener.SILENT);
        assertThat(drift.results())
                .extracting(TargetResult::outcome)
                .containsExactly(TargetResult.Outcome.OK, TargetResult.Outcome.OK, TargetResult.Outcome.FAILED);
        assertThat(drift.results().get(2).message()).get().asString().contains("extra");
        assertThat(fleet.run(FleetCommand.check(), parallel(2), FleetListener.SILENT)
                        .ok())
                .isTrue();
    }

    /**
     * Every target of a fleet has the same shadow_url. Targets run at once used to fill and empty that
     * one shadow under each other: a history table gone mid-replay, a shadow "not empty", a schema of
     * two replays, and a shadow left full at the end.
     */
    @Test
    void targetsRunAtOnceTakeTurnsOnTheConfiguredShadowAndLeaveItEmpty() throws IOException {
        for (int i = 3; i <= 8; i++) {
            Files.writeString(
                    project.resolve("migrations/000%d_t%d.sql".formatted(i, i)),
                    "CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL);%n".formatted(i)
                            + "CREATE INDEX t%d_name ON t%d (name);".formatted(i, i));
        }
        Files.writeString(project.resolve("strata.toml"), """
                [migrations]
                shadow_url = "sqlite:shadow.db"
                """);
        tenants(8);
        Fleet fleet = fleet("""
                [[target]]
                sqlite = "tenants/*.db"
                """);
        assertThat(fleet.run(migrate(), parallel(4), FleetListener.SILENT).ok()).isTrue();
        Jdbc.execute("sqlite:" + project.resolve("tenants/t005.db"), "DROP INDEX t7_name");

        for (FleetCommand command : List.of(FleetCommand.drift(), FleetCommand.check())) {
            FleetReport report = fleet.run(command, parallel(4), FleetListener.SILENT);
            assertThat(report.results())
                    .as(command.name())
                    .allSatisfy(r -> assertThat(r.outcome())
                            .isEqualTo(
                                    r.target().contains("t005")
                                            ? TargetResult.Outcome.FAILED
                                            : TargetResult.Outcome.OK));
            assertThat(report.results().get(5).message()).get().asString().contains("t7_name");
            assertThat(Jdbc.count(
                            "sqlite:" + project.resolve("shadow.db"),
                            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
                    .as("what " + command.name() + " left in the shadow")
                    .isZero();
        }
    }

    @Test
    void aFileThatNamesNoDatabaseIsRefusedWithItsLine() throws IOException {
        tenants(2);
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "sqlite:tenants/t000.db"

                        [[target]]
                        sqlite = "tenant/*.db"
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("fleet.toml:5: sqlite = \"tenant/*.db\" matches no file");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        sqlite = "tenants/*.sqlite"
                        """))
                .hasMessageStartingWith("fleet.toml:2: sqlite = \"tenants/*.sqlite\" matches no file in tenants");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        env = "staging"
                        """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("fleet.toml:2: env = \"staging\": ");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"
                """);
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "sqlite:tenants/t000.db"
                        [[target]]
                        env = "staging"
                        """))
                .hasMessage("fleet.toml:4: env = \"staging\" is not an environment of strata.toml; defined: dev");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "sqlite:tenants/t000.db"
                        ulr = "x"
                        """)).hasMessageStartingWith("fleet.toml:3: unknown key 'ulr' in [[target]]");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "sqlite:tenants/t000.db"
                        env = "dev"
                        """))
                .hasMessageStartingWith("fleet.toml:1: a [[target]] names its databases with exactly one of");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        sqlite = "tenants/*.db"
                        schema = "tenant_*"
                        """)).hasMessageStartingWith("fleet.toml:3: schema names PostgreSQL schemas");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        sqlite = "tenants/*.db"
                        [[target]]
                        url = "sqlite:tenants/t001.db"
                        """))
                .hasMessageStartingWith("fleet.toml:4: sqlite:tenants/t001.db is the same database as"
                        + " sqlite:tenants/t001.db (fleet.toml:2)");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "sqlite:tenants/t000.db"
                        schema = "tenant_*"
                        """))
                .hasMessageStartingWith("fleet.toml:3: schema = \"tenant_*\" picks PostgreSQL schemas");
        assertThatThrownBy(() -> fleet("""
                        [[target]]
                        url = "${env.TENANT_URL}"
                        """))
                .hasMessage("fleet.toml:2: environment variable TENANT_URL is not set (used by url); set it or change"
                        + " the setting");
        assertThatThrownBy(() -> fleet("tenants = 3\n")).hasMessageStartingWith("fleet.toml:1: unknown key 'tenants'");
        assertThatThrownBy(() -> fleet("# nothing\n")).hasMessageStartingWith("fleet.toml: lists no target");
    }

    @Test
    void anEnvironmentTargetRunsWithItsOwnSettings() throws IOException {
        Files.writeString(project.resolve("strata.toml"), """
                [environments.dev]
                url = "sqlite:dev.db"

                [environments.prod]
                url = "sqlite:prod.db"
                confirm = true
                """);
        Fleet fleet = fleet("""
                [[target]]
                env = "dev"
                [[target]]
                env = "prod"
                """);
        assertThat(fleet.targets()).extracting(FleetTarget::name).containsExactly("env:dev", "env:prod");
        FleetReport unconfirmed = fleet.run(migrate(), parallel(2), FleetListener.SILENT);
        assertThat(unconfirmed.results())
                .extracting(TargetResult::outcome)
                .containsExactly(TargetResult.Outcome.OK, TargetResult.Outcome.FAILED);
        assertThat(unconfirmed.results().get(1).message()).get().asString().contains("confirm");
        FleetReport confirmed = fleet.run(
                FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.YES), parallel(2), FleetListener.SILENT);
        assertThat(confirmed.ok()).isTrue();
    }

    @Test
    void localD1DatabasesOfAWranglerProjectAreTargetsByBinding() throws IOException {
        Files.writeString(project.resolve("wrangler.toml"), """
                name = "app"
                compatibility_date = "2025-01-01"

                [[d1_databases]]
                binding = "DB"
                database_name = "app-db"
                database_id = "00000000-0000-0000-0000-000000000001"

                [[d1_databases]]
                binding = "PREVIEWED"
                database_name = "previewed-db"
                database_id = "00000000-0000-0000-0000-000000000002"
                preview_database_id = "preview-1"
                """);
        // miniflare's file names for those ids, as wrangler 4 makes them in local mode.
        Path state = Files.createDirectories(project.resolve(".wrangler/state/v3/d1/miniflare-D1DatabaseObject"));
        Path db = Files.createFile(
                state.resolve("a36f84ea60804f30bb0c7f7cad9f5336a6cca0165abdab8b9241d93dbf0b6006.sqlite"));
        Path previewed = Files.createFile(
                state.resolve("6bd8688a2aa2978e2c2460280d7a13248317506de8847a87d614787f82f19fef.sqlite"));
        Fleet fleet = fleet("""
                [[target]]
                url = "d1-local:DB"
                [[target]]
                url = "d1-local:PREVIEWED"
                """);
        assertThat(fleet.targets()).extracting(FleetTarget::name).containsExactly("d1-local:DB", "d1-local:PREVIEWED");

        FleetReport report = fleet.run(migrate(), parallel(2), FleetListener.SILENT);

        assertThat(report.ok()).as(report.toString()).isTrue();
        for (Path file : List.of(db, previewed)) {
            assertThat(Jdbc.count("sqlite:" + file, "SELECT count(*) FROM strata_history"))
                    .isEqualTo(2);
            // wrangler's own history is kept in step, as for one d1-local: database.
            assertThat(Jdbc.count("sqlite:" + file, "SELECT count(*) FROM d1_migrations"))
                    .isEqualTo(2);
        }
    }

    /** Whether any two targets' runs overlapped in time, as their recorded start and end say. */
    static boolean overlapping(List<TargetResult> results) {
        List<TargetResult> ran = results.stream()
                .filter(r -> r.started().isPresent())
                .sorted(java.util.Comparator.comparing(r -> r.started().get()))
                .toList();
        Instant latestEnd = Instant.MIN;
        for (TargetResult result : ran) {
            if (result.started().get().isBefore(latestEnd)) {
                return true;
            }
            latestEnd = result.finished().get().isAfter(latestEnd)
                    ? result.finished().get()
                    : latestEnd;
        }
        return false;
    }
}
