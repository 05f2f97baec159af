package dev.strata.refactor;

import static dev.strata.refactor.AlterProject.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.ExpandContract;
import dev.strata.engine.MigrateOptions;
import dev.strata.engine.MigrateResult;
import dev.strata.history.AppliedMigration;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata alter --online} on real PostgreSQL: the shape of the expand, backfill and contract;
 * the trigger keeping old and new column in step for old and new code; and a busy table, written to by
 * old and new code on threads of their own while the three migrations run, that loses no write.
 */
class OnlineAlterTest {

    static final String SCHEMA = """
            CREATE TABLE orders (
                id bigint PRIMARY KEY,
                amount integer NOT NULL DEFAULT 0,
                note text
            );
            CREATE TABLE users (id bigint PRIMARY KEY, mail text, name text);
            CREATE INDEX ix_users_name ON users (name);
            INSERT INTO orders SELECT g, g % 1000, NULL FROM generate_series(1, 20000) AS g;
            INSERT INTO users VALUES (1, 'a@example.org', 'a'), (2, NULL, 'b');
            """;

    @TempDir
    Path dir;

    AlterProject project;

    @BeforeEach
    void schemaAndRows() {
        project = new AlterProject(dir, PostgresServer.newDatabaseUrl());
        // strata's lock_timeout, and no retry: a migration that waited longer for a lock fails the test.
        project.write("strata.toml", "[migrations]\nlock_timeout = \"5s\"\nlock_retries = 0\n");
        project.migration("0001_schema.sql", SCHEMA).migrate();
    }

    private Refactorer.Result online(boolean keepName, AlterOperation... operations) {
        return project.strata()
                .alter(new AlterRequest(
                        operations[0] instanceof AlterOperation.RenameColumn ? "users" : "orders",
                        List.of(operations),
                        Optional.empty(),
                        AlterRequest.DEFAULT_TOLERANCE,
                        true,
                        keepName));
    }

    private MigrateResult migrate(boolean contract) {
        return project.strata().migrate(new MigrateOptions(Optional.empty(), false, false, Optional.empty(), contract));
    }

    @Test
    void aTypeChangeIsWrittenAsExpandBackfillAndContract() {
        Refactorer.Result result = online(false, AlterProject.type("amount=numeric(12,2)"));

        assertThat(result.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "0002_alter_orders_amount_type_expand.sql",
                        "0003_alter_orders_amount_type_backfill.sql",
                        "0004_alter_orders_amount_type_contract.sql");
        String expand = AlterProject.text(result.files().get(0));
        String backfill = AlterProject.text(result.files().get(1));
        String contract = AlterProject.text(result.files().get(2));
        assertThat(expand)
                .contains("ALTER TABLE orders ADD COLUMN amount_new numeric(12,2);")
                .contains("ADD CONSTRAINT orders_amount_new_not_null CHECK (amount_new IS NOT NULL) NOT VALID;")
                .contains("CREATE FUNCTION orders_amount_sync() RETURNS trigger LANGUAGE plpgsql")
                .contains("NEW.amount_new := NEW.amount::numeric(12,2);")
                .contains("NEW.amount := NEW.amount_new::integer;")
                .contains("CREATE TRIGGER orders_amount_sync BEFORE INSERT OR UPDATE ON orders FOR EACH ROW"
                        + " EXECUTE FUNCTION orders_amount_sync();")
                .doesNotContain("strata:no-transaction", "DROP");
        assertThat(backfill)
                .contains("-- strata:no-transaction\n")
                .contains("-- strata:backfill batch=1000 pause=50ms\nUPDATE orders SET amount_new ="
                        + " amount::numeric(12,2) WHERE amount_new IS DISTINCT FROM amount::numeric(12,2);")
                .contains("ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_new_not_null;");
        assertThat(contract)
                .contains("-- strata:contract-of 0002\n")
                .contains("RUN IT ONLY AFTER EVERY RUNNING APPLICATION READS AND WRITES amount_new")
                .contains("-- strata:require SELECT NOT EXISTS (SELECT 1 FROM orders WHERE amount_new IS NULL AND"
                        + " amount IS NOT NULL)")
                .contains("DROP TRIGGER orders_amount_sync ON orders;")
                .contains("DROP FUNCTION orders_amount_sync();")
                .contains("ALTER TABLE orders ALTER COLUMN amount_new SET NOT NULL;")
                .contains("ALTER TABLE orders ALTER COLUMN amount_new SET DEFAULT 0;")
                .contains("ALTER TABLE orders DROP COLUMN amount;")
                .doesNotContain("RENAME COLUMN");
        assertThat(result.notices()).anySatisfy(n -> assertThat(n).contains("strata migrate --contract"));
    }

    @Test
    void theTriggerKeepsOldAndNewCodeInStepAndTheContractWaitsForItsWord() {
        online(false, AlterProject.type("amount=numeric(12,2)"));

        MigrateResult expanded = migrate(false);

        assertThat(expanded.applied())
                .extracting(AppliedMigration::name)
                .containsExactly("alter_orders_amount_type_expand", "alter_orders_amount_type_backfill");
        assertThat(expanded.heldBack())
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("0004_alter_orders_amount_type_contract is held back")
                        .contains("strata migrate --contract"));
        assertThat(project.count("SELECT COUNT(*) FROM orders WHERE amount_new IS DISTINCT FROM amount"))
                .as("the backfill filled every row")
                .isZero();
        project.execute("INSERT INTO orders (id, amount) VALUES (100001, 7)");
        project.execute("INSERT INTO orders (id, amount_new) VALUES (100002, 8.25)");
        project.execute("UPDATE orders SET amount = 9 WHERE id = 1");
        project.execute("UPDATE orders SET amount_new = 10.5 WHERE id = 2");
        project.execute("UPDATE orders SET note = 'touched' WHERE id = 3");
        assertThat(project.rows("SELECT id::text, amount::text, amount_new::text FROM orders"
                        + " WHERE id IN (1, 2, 3, 100001, 100002) ORDER BY orders.id"))
                .containsExactly(
                        row("1", "9", "9.00"),
                        row("2", "11", "10.50"),
                        row("3", "3", "3.00"),
                        row("100001", "7", "7.00"),
                        row("100002", "8", "8.25"));
        assertThat(project.strata().status().expanded())
                .extracting(p -> p.pair().expand().text())
                .containsExactly("0002");
        assertThat(migrate(false).heldBack())
                .as("a second plain migrate still waits")
                .isPresent();

        MigrateResult contracted = migrate(true);

        assertThat(contracted.applied())
                .extracting(AppliedMigration::name)
                .containsExactly("alter_orders_amount_type_contract");
        assertThat(
                        project.rows(
                                "SELECT column_name::text, data_type::text, is_nullable::text, column_default::text"
                                        + " FROM information_schema.columns WHERE table_name = 'orders' AND column_name LIKE 'amount%'"))
                .containsExactly(row("amount_new", "numeric", "NO", "0"));
        assertThat(project.count("SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'orders_amount_sync'"))
                .isZero();
        assertThat(project.strata().status().pairs())
                .extracting(ExpandContract.PairStatus::state)
                .containsExactly(ExpandContract.PairState.CONTRACTED);
    }

    @Test
    void anOnlineRenameDropsTheOldNameAndKeepNameRenamesBack() {
        online(false, AlterOperation.renameColumn("mail=email"));
        migrate(false);
        project.execute("INSERT INTO users (id, mail) VALUES (3, 'old@example.org')");
        project.execute("INSERT INTO users (id, email) VALUES (4, 'new@example.org')");
        migrate(true);
        assertThat(project.rows("SELECT id::text, email FROM users ORDER BY id"))
                .containsExactly(
                        row("1", "a@example.org"),
                        row("2", null),
                        row("3", "old@example.org"),
                        row("4", "new@example.org"));

        Refactorer.Result kept = online(true, AlterProject.type("amount=bigint"));
        assertThat(AlterProject.text(kept.files().get(2)))
                .contains("ALTER TABLE orders RENAME COLUMN amount_new TO amount;");
        migrate(false);
        migrate(true);
        assertThat(project.rows("SELECT data_type::text FROM information_schema.columns WHERE table_name = 'orders'"
                        + " AND column_name = 'amount'"))
                .containsExactly(row("bigint"));
        assertThat(project.count("SELECT COUNT(*) FROM orders WHERE amount = id % 1000"))
                .isEqualTo(20000);
    }

    @Test
    void whatThePairCannotCarryOverIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> project.strata()
                        .alter(new AlterRequest(
                                "users",
                                List.of(AlterProject.type("name=varchar(20)")),
                                Optional.empty(),
                                AlterRequest.DEFAULT_TOLERANCE,
                                true,
                                false)))
                .isInstanceOf(AlterRefusedException.class)
                .hasMessageContaining("users.name is in the index ix_users_name");
        assertThatThrownBy(() -> online(false, new AlterOperation.SetNotNull("note")))
                .hasMessageContaining("--not-null note has no online form");
        assertThatThrownBy(() -> online(false, AlterOperation.type("amount=numeric", Optional.of("amount / 100.0"))))
                .hasMessageContaining("--using can't go with --online");
        assertThat(dir.resolve("migrations").toFile().list()).containsExactly("0001_schema.sql");
    }

    /**
     * Old code (writes {@code amount}) runs from before the expand until every application is on new
     * code; new code (writes {@code amount_new}) from after the expand through the contract. Each writer
     * owns its rows (old code the even ids and those it inserts, new code the odd ones) and records the
     * last value it wrote to each; afterwards the table must hold exactly that. Both sessions wait at
     * most strata's lock timeout: a longer wait would fail their statement and the test.
     */
    @Test
    void aBusyTableLosesNoWriteWhileExpandBackfillAndContractRun() throws Exception {
        online(false, AlterProject.type("amount=numeric(12,2)"));
        Writer oldCode = new Writer("amount", 0, 1_000_000L, false);
        Writer newCode = new Writer("amount_new", 1, 2_000_000L, true);
        Thread oldThread = new Thread(oldCode, "old-code");
        Thread newThread = new Thread(newCode, "new-code");

        oldThread.start();
        oldCode.awaitMoreWrites(200);
        long beforeExpand = oldCode.writes.get();
        MigrateResult expanded = migrate(false);
        long duringExpand = oldCode.writes.get() - beforeExpand;
        oldCode.awaitMoreWrites(200);
        newThread.start();
        newCode.awaitMoreWrites(200);
        oldCode.awaitMoreWrites(200);
        oldCode.stop();
        oldThread.join();

        long beforeContract = newCode.writes.get();
        MigrateResult contracted = migrate(true);
        long duringContract = newCode.writes.get() - beforeContract;
        newCode.awaitMoreWrites(200);
        newCode.stop();
        newThread.join();

        assertThat(oldCode.errors).as("old code's statements").isEmpty();
        assertThat(newCode.errors).as("new code's statements").isEmpty();
        assertThat(expanded.applied()).hasSize(2);
        assertThat(contracted.applied()).hasSize(1);
        assertThat(duringExpand)
                .as("old code wrote while the expand and backfill ran")
                .isPositive();
        assertThat(duringContract).as("new code wrote while the contract ran").isPositive();
        Map<Long, BigDecimal> table = new HashMap<>();
        for (List<String> row : project.rows("SELECT id::text, amount_new::text FROM orders")) {
            table.put(Long.parseLong(row.get(0)), new BigDecimal(row.get(1)));
        }
        assertThat(table).hasSize(20000 + oldCode.inserted + newCode.inserted);
        for (Writer writer : List.of(oldCode, newCode)) {
            writer.written.forEach((id, value) -> assertThat(table.get(id))
                    .as("row %d, written by %s", id, writer.column)
                    .isEqualByComparingTo(value));
        }
        System.out.printf(
                "old code: %d writes (%d while expand and backfill ran), new code: %d writes (%d while the contract"
                        + " ran)%n",
                oldCode.writes.get(), duringExpand, newCode.writes.get(), duringContract);
        assertThat(oldCode.written).hasSizeGreaterThan(400);
        assertThat(newCode.written).hasSizeGreaterThan(400);
    }

    /** One application's writes: an insert, then an update of one of its rows, again and again. */
    private final class Writer implements Runnable {
        final String column;
        final int parity;
        final boolean decimals;
        final Map<Long, BigDecimal> written = new HashMap<>();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong writes = new AtomicLong();
        final AtomicBoolean running = new AtomicBoolean(true);
        long nextId;
        int inserted;

        Writer(String column, int parity, long firstId, boolean decimals) {
            this.column = column;
            this.parity = parity;
            this.nextId = firstId;
            this.decimals = decimals;
        }

        @Override
        public void run() {
            Random random = new Random(parity);
            List<Long> own = new ArrayList<>();
            for (long id = 2 - parity; id <= 20000; id += 2) {
                own.add(id);
            }
            try (Connection connection = Jdbc.connect(project.url)) {
                connection.createStatement().execute("SET lock_timeout = '5s'");
                try (PreparedStatement insert =
                                connection.prepareStatement("INSERT INTO orders (id, " + column + ") VALUES (?, ?)");
                        PreparedStatement update =
                                connection.prepareStatement("UPDATE orders SET " + column + " = ? WHERE id = ?")) {
                    while (running.get()) {
                        BigDecimal value = value(random);
                        long id = nextId++;
                        write(insert, value, id, true);
                        own.add(id);
                        BigDecimal changed = value(random);
                        write(update, changed, own.get(random.nextInt(own.size())), false);
                    }
                }
            } catch (SQLException e) {
                errors.add("connection: " + e.getMessage());
            }
        }

        private BigDecimal value(Random random) {
            return decimals
                    ? BigDecimal.valueOf(random.nextInt(10_000_000), 2)
                    : BigDecimal.valueOf(random.nextInt(100_000));
        }

        private void write(PreparedStatement statement, BigDecimal value, long id, boolean insert) {
            try {
                if (insert) {
                    statement.setLong(1, id);
                    statement.setBigDecimal(2, value);
                } else {
                    statement.setBigDecimal(1, value);
                    statement.setLong(2, id);
                }
                statement.executeUpdate();
                written.put(id, value);
                inserted += insert ? 1 : 0;
            } catch (SQLException e) {
                errors.add((insert ? "insert " : "update ") + id + ": " + e.getMessage());
            }
            writes.incrementAndGet();
        }

        /** Waits until this writer has written {@code count} more times, or has failed. */
        void awaitMoreWrites(int count) throws InterruptedException {
            long target = writes.get() + count;
            while (writes.get() < target && errors.isEmpty()) {
                Thread.sleep(5);
            }
        }

        void stop() {
            running.set(false);
        }
    }
}
