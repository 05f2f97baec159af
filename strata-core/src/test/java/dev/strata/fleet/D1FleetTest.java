package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.dialect.d1.D1TestEndpoint;
import dev.strata.engine.MigrateOptions;
import dev.strata.environments.Confirmation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Remote D1 databases as fleet targets ({@code d1:BINDING}), on the test endpoint's real local D1. */
class D1FleetTest {

    @RegisterExtension
    static final D1TestEndpoint D1 = D1TestEndpoint.withDatabases("customer-a", "customer-b");

    @TempDir
    Path project;

    @Test
    void eachRemoteDatabaseIsMigratedAndItsTokenNeverNamed() throws IOException {
        StringBuilder wrangler = new StringBuilder("name = \"app\"\ncompatibility_date = \"2025-01-01\"\n");
        for (String name : new String[] {"customer-a", "customer-b"}) {
            D1TestEndpoint.Database database = D1.database(name);
            wrangler.append("\n[[d1_databases]]\nbinding = \"")
                    .append(name.equals("customer-a") ? "A" : "B")
                    .append("\"\ndatabase_name = \"")
                    .append(name)
                    .append("\"\ndatabase_id = \"")
                    .append(database.id())
                    .append("\"\n");
        }
        Files.writeString(project.resolve("wrangler.toml"), wrangler.toString());
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER PRIMARY KEY);");
        Files.writeString(project.resolve("migrations/0002_email.sql"), "ALTER TABLE users ADD COLUMN email TEXT;");
        Files.writeString(project.resolve("fleet.toml"), """
                [[target]]
                url = "d1:A"
                [[target]]
                url = "d1:B"
                """);
        Fleet fleet = Strata.configure()
                .projectDir(project)
                .environmentVariables(D1.environment())
                .fleet(Path.of("fleet.toml"));
        assertThat(fleet.targets()).extracting(FleetTarget::name).containsExactly("d1:A", "d1:B");

        FleetReport migrated = fleet.run(
                FleetCommand.migrate(MigrateOptions.defaults(), Confirmation.NOBODY_TO_ASK),
                new FleetRunOptions(2, false, 0, false, Optional.empty()),
                FleetListener.SILENT);
        assertThat(migrated.ok()).as(migrated.results().toString()).isTrue();
        assertThat(migrated.results())
                .allSatisfy(result -> assertThat(result.applied()).hasValue(2));

        FleetReport status = fleet.run(
                FleetCommand.status(), new FleetRunOptions(2, false, 0, false, Optional.empty()), FleetListener.SILENT);
        assertThat(status.results()).allSatisfy(result -> {
            assertThat(result.applied()).hasValue(2);
            assertThat(result.pending()).hasValue(0);
        });
        assertThat(Files.readString(project.resolve(Fleet.SUMMARY_FILE))).doesNotContain(D1.apiToken());
    }
}
