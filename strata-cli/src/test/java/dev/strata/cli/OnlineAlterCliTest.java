package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's expand/contract walk-through, command by command, on a real PostgreSQL database. */
class OnlineAlterCliTest {

    @TempDir
    Path project;

    @Test
    void theReadmeWalkThroughAltersOnlineHoldsTheContractBackAndFinishesWithContract() throws IOException {
        Files.writeString(
                project.resolve("strata.toml"),
                "environment = \"dev\"\n\n[environments.dev]\n" + "url = \"${env.DATABASE_URL}\"\n");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(
                project.resolve("migrations/0001_orders.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY, amount integer NOT NULL DEFAULT 0, note text);\n"
                        + "INSERT INTO orders (id, amount) VALUES (1, 10), (2, 20);\n");
        String url = PostgresServer.newDatabaseUrl();
        Map<String, String> env = Map.of("DATABASE_URL", url);
        assertThat(CliRun.run(project, env, "migrate").exitCode()).isZero();

        CliRun alter = CliRun.run(project, env, "alter", "orders", "--type", "amount=numeric(12,2)", "--online");

        assertThat(alter.exitCode()).as(alter.all()).isZero();
        assertThat(alter.out())
                .contains("Created migrations/0002_alter_orders_amount_type_expand.sql")
                .contains("Created migrations/0003_alter_orders_amount_type_backfill.sql")
                .contains("Created migrations/0004_alter_orders_amount_type_contract.sql")
                .contains("Review them, then run: strata migrate (the contract waits for strata migrate --contract)");
        assertThat(alter.err()).contains("strata: Wrote an expand/contract pair");

        CliRun migrate = CliRun.run(project, env, "migrate");

        assertThat(migrate.exitCode()).as(migrate.all()).isZero();
        assertThat(migrate.err())
                .contains("strata: 0004_alter_orders_amount_type_contract is held back: it is the contract half of"
                        + " 0002_alter_orders_amount_type_expand");
        assertThat(migrate.out()).contains("Applied 2 migrations to");
        CliRun status = CliRun.run(project, env, "status");
        assertThat(status.out())
                .contains("pending (contract of 0002)")
                .contains("Expanded, not contracted: 0002_alter_orders_amount_type_expand is applied");
        Jdbc.execute(url, "INSERT INTO orders (id, amount_new) VALUES (3, 30.5)");

        CliRun contract = CliRun.run(project, env, "migrate", "--contract");

        assertThat(contract.exitCode()).as(contract.all()).isZero();
        assertThat(contract.out()).contains("Applied 1 migration to");
        assertThat(Jdbc.query(url, "SELECT id::text, amount_new::text FROM orders ORDER BY orders.id"))
                .containsExactly(List.of("1", "10.00"), List.of("2", "20.00"), List.of("3", "30.50"));
        assertThat(CliRun.run(project, env, "lint").exitCode())
                .as("lint passes the complete pair")
                .isZero();
        // The outputs, for the README's worked example.
        System.out.println(alter.all() + migrate.all() + status.all() + contract.all());
    }
}
