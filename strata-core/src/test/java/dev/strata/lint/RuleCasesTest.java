package dev.strata.lint;

import static dev.strata.lint.LintTarget.D1;
import static dev.strata.lint.LintTarget.POSTGRES;
import static dev.strata.lint.LintTarget.SQLITE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every statement rule: a case that fires and a near miss that doesn't, on each engine the rule
 * applies to. The near misses are the statements people write when they do it the safe way.
 */
class RuleCasesTest {

    private static final String USERS = """
            CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT, score INTEGER);
            CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, user_id INTEGER, total DECIMAL(12,4),
                note VARCHAR(100));
            CREATE INDEX IF NOT EXISTS ix_orders_user ON orders (user_id);
            """;

    /** One example: {@code fires} says whether {@code rule} must report it. */
    record Case(String rule, Set<LintTarget> targets, String setup, String sql, boolean fires) {
        @Override
        public String toString() {
            return rule + (fires ? " fires: " : " quiet: ") + sql.replace('\n', ' ');
        }
    }

    private static final Set<LintTarget> BOTH = Set.of(SQLITE, POSTGRES);
    private static final Set<LintTarget> PG = Set.of(POSTGRES);
    private static final Set<LintTarget> LITE = Set.of(SQLITE, D1);

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // data loss
        add(cases, "drop-table", BOTH, USERS, "DROP TABLE users;", "DROP INDEX ix_orders_user;");
        add(
                cases,
                "drop-table",
                BOTH,
                USERS,
                "DROP TABLE IF EXISTS orders;",
                "CREATE TABLE IF NOT EXISTS scratch (id INTEGER); DROP TABLE scratch;");
        add(
                cases,
                "drop-column",
                BOTH,
                USERS,
                "ALTER TABLE users DROP COLUMN name;",
                "ALTER TABLE users ADD COLUMN nickname TEXT;");
        add(cases, "drop-schema", PG, "", "DROP SCHEMA reporting CASCADE;", "DROP VIEW reporting_v;");
        add(cases, "truncate", BOTH, USERS, "TRUNCATE orders;", "DELETE FROM orders WHERE total < 0;");
        add(
                cases,
                "delete-without-where",
                BOTH,
                USERS,
                "DELETE FROM orders;",
                "DELETE FROM orders WHERE user_id IS NULL;");
        add(
                cases,
                "update-without-where",
                BOTH,
                USERS,
                "UPDATE users SET score = 0;",
                "UPDATE users SET score = 0 WHERE score IS NULL;");
        // cascades
        add(
                cases,
                "cascade-delete",
                BOTH,
                USERS,
                "CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id)"
                        + " ON DELETE CASCADE);\nCREATE INDEX IF NOT EXISTS ix_s ON sessions (user_id);",
                "CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id)"
                        + " ON DELETE RESTRICT ON UPDATE CASCADE);\nCREATE INDEX IF NOT EXISTS ix_s ON sessions (user_id);");
        add(
                cases,
                "cascade-delete",
                PG,
                USERS,
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"
                        + " NOT VALID;",
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
        // data-dependent
        add(
                cases,
                "not-null-without-default",
                BOTH,
                USERS,
                "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL;",
                "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT 'free';");
        add(
                cases,
                "not-null-without-default",
                BOTH,
                USERS,
                "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL DEFAULT NULL;",
                "CREATE TABLE IF NOT EXISTS plans (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        add(
                cases,
                "unique-on-existing-column",
                BOTH,
                USERS,
                "CREATE UNIQUE INDEX IF NOT EXISTS ux_users_email ON users (email);",
                "CREATE TABLE IF NOT EXISTS accounts (id INTEGER, email TEXT);\n"
                        + "CREATE UNIQUE INDEX IF NOT EXISTS ux_accounts_email ON accounts (email);");
        add(
                cases,
                "unique-on-existing-column",
                PG,
                USERS,
                "ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE (email);",
                "ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE USING INDEX ux_users_email;");
        add(
                cases,
                "set-not-null",
                PG,
                USERS,
                "ALTER TABLE users ALTER COLUMN name SET NOT NULL;",
                "ALTER TABLE users ALTER COLUMN name DROP NOT NULL;");
        // robustness
        // opt-in on tracked history; on by default in a baseline written by strata import
        String imported = "-- Imported from schema.sql by strata import.\n";
        add(
                cases,
                "missing-if-not-exists",
                BOTH,
                "",
                imported + "CREATE TABLE t (id INTEGER);",
                imported + "CREATE TABLE IF NOT EXISTS t (id INTEGER);");
        add(
                cases,
                "missing-if-not-exists",
                BOTH,
                USERS,
                imported + "CREATE INDEX ix_users_name ON users (name);",
                "CREATE INDEX ix_users_name ON users (name);");
        add(
                cases,
                "transaction-control",
                BOTH,
                USERS,
                "UPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;\nUPDATE users SET score = 2 WHERE id = 2;",
                "BEGIN;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;");
        // A file with transactions of its own runs them as written, so they must pair up.
        add(
                cases,
                "unclosed-transaction",
                BOTH,
                USERS,
                "BEGIN;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;\nBEGIN;\nUPDATE users SET score = 2 WHERE id = 2;",
                "BEGIN;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;\nBEGIN;\nUPDATE users SET score = 2 WHERE id = 2;"
                        + "\nCOMMIT;");
        add(
                cases,
                "unclosed-transaction",
                BOTH,
                USERS,
                "UPDATE users SET score = 1 WHERE id = 1;\nBEGIN;\nUPDATE users SET score = 2 WHERE id = 2;",
                "UPDATE users SET score = 1 WHERE id = 1;\nBEGIN;\nUPDATE users SET score = 2 WHERE id = 2;\nCOMMIT;");
        add(
                cases,
                "unclosed-transaction",
                BOTH,
                USERS,
                "-- strata:no-transaction\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;",
                "-- strata:no-transaction\nBEGIN;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;");
        // Alone in its file such a statement runs outside a transaction (as Flyway runs it); beside others it can't.
        add(
                cases,
                "needs-no-transaction",
                PG,
                USERS,
                "UPDATE users SET score = 1 WHERE id = 1;\n"
                        + "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_name ON users (name);",
                "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_name ON users (name);");
        add(
                cases,
                "needs-no-transaction",
                LITE,
                USERS,
                "UPDATE users SET score = 1 WHERE id = 1;\nVACUUM;",
                "-- strata:no-transaction\nVACUUM;");
        // PostgreSQL locking
        add(
                cases,
                "pg-index-not-concurrent",
                PG,
                USERS,
                "CREATE INDEX IF NOT EXISTS ix_users_name ON users (name);",
                "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_name ON users (name);");
        add(
                cases,
                "pg-index-not-concurrent",
                PG,
                USERS,
                "CREATE INDEX IF NOT EXISTS ix_orders_note ON orders (note);",
                "CREATE TABLE IF NOT EXISTS t (id INTEGER, n TEXT);\nCREATE INDEX IF NOT EXISTS ix_t_n ON t (n);");
        // IF NOT EXISTS of an index that is already there builds nothing and takes no lock.
        add(
                cases,
                "pg-index-not-concurrent",
                PG,
                USERS,
                "CREATE INDEX IF NOT EXISTS ix_orders_user_note ON orders (user_id, note);",
                "CREATE INDEX IF NOT EXISTS ix_orders_user ON orders (user_id);");
        // An index on a materialized view the same file makes blocks nobody: nothing refreshes it yet.
        add(
                cases,
                "pg-index-not-concurrent",
                PG,
                USERS,
                "CREATE INDEX ix_orders_note ON orders (note);",
                "CREATE MATERIALIZED VIEW user_names AS SELECT id, name FROM users;\n"
                        + "CREATE UNIQUE INDEX ix_user_names_id ON user_names (id);");
        // PostgreSQL 12+ keeps the rows of a timestamp column turned timestamptz when the session is on UTC.
        add(
                cases,
                "pg-column-type-rewrite",
                PG,
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at TIMESTAMP);",
                "SET timezone = 'Europe/Paris';\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;",
                "SET timezone = 'UTC';\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;");
        add(
                cases,
                "pg-column-type-rewrite",
                PG,
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, at TIMESTAMP);",
                "SET timezone = 'UTC';\nRESET timezone;\nALTER TABLE events ALTER COLUMN at TYPE timestamptz;",
                "SET TIME ZONE 'UTC';\nALTER TABLE events ALTER at TYPE timestamp with time zone;");
        add(
                cases,
                "pg-constraint-not-valid",
                PG,
                USERS,
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);",
                "ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
        add(
                cases,
                "pg-constraint-not-valid",
                PG,
                USERS,
                "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total >= 0);",
                "ALTER TABLE orders VALIDATE CONSTRAINT positive;");
        add(
                cases,
                "pg-column-type-rewrite",
                PG,
                USERS,
                "ALTER TABLE users ALTER COLUMN score TYPE BIGINT;",
                "ALTER TABLE orders ALTER COLUMN note TYPE VARCHAR(200);");
        add(
                cases,
                "pg-column-type-rewrite",
                PG,
                USERS,
                "ALTER TABLE orders ALTER COLUMN note TYPE VARCHAR(50);",
                "ALTER TABLE orders ALTER COLUMN note TYPE TEXT;");
        add(
                cases,
                "pg-volatile-default",
                PG,
                USERS,
                "ALTER TABLE users ADD COLUMN token UUID DEFAULT gen_random_uuid();",
                "ALTER TABLE users ADD COLUMN created_at TIMESTAMPTZ DEFAULT now();");
        add(
                cases,
                "pg-volatile-default",
                PG,
                USERS,
                "ALTER TABLE users ADD COLUMN seq BIGSERIAL;",
                "ALTER TABLE users ADD COLUMN seq BIGINT DEFAULT 0;");
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "ALTER TABLE users ADD COLUMN age INTEGER;",
                "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN age INTEGER;");
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "TRUNCATE orders;",
                "CREATE TABLE IF NOT EXISTS t (id INTEGER);\nALTER TABLE t ADD COLUMN n INTEGER;");
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "-- strata:no-transaction\nVACUUM FULL orders;",
                "-- strata:no-transaction\nVACUUM orders;");
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "-- strata:no-transaction\nREINDEX INDEX ix_orders_user;",
                "-- strata:no-transaction\nSET lock_timeout = '5s';\nREINDEX INDEX ix_orders_user;");
        // DROP TABLE IF EXISTS of a table that isn't there locks nothing; the lock comes later in the file.
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "DROP TABLE IF EXISTS orders;",
                "DROP TABLE IF EXISTS legacy_history;");
        add(
                cases,
                "pg-missing-lock-timeout",
                PG,
                USERS,
                "DROP TABLE IF EXISTS legacy_history;\nCREATE INDEX ix_orders_note ON orders (note);",
                "CREATE MATERIALIZED VIEW user_names AS SELECT id, name FROM users;\n"
                        + "CREATE UNIQUE INDEX ix_user_names_id ON user_names (id);");
        // ADD COLUMN ... SERIAL numbers every existing row: a rewrite; on a table this file creates it costs nothing.
        add(
                cases,
                "pg-volatile-default",
                PG,
                USERS,
                "ALTER TABLE orders ADD COLUMN seq SERIAL;",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT PRIMARY KEY);\nALTER TABLE t ADD COLUMN seq SERIAL;");
        add(
                cases,
                "pg-drop-index-not-concurrent",
                PG,
                USERS,
                "DROP INDEX ix_orders_user;",
                "-- strata:no-transaction\nDROP INDEX CONCURRENTLY IF EXISTS ix_orders_user;");
        add(
                cases,
                "pg-drop-index-not-concurrent",
                PG,
                USERS,
                "DROP INDEX IF EXISTS ix_orders_user;",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT, n TEXT);\nCREATE INDEX IF NOT EXISTS ix_t_n ON t (n);\n"
                        + "DROP INDEX ix_t_n;");
        add(
                cases,
                "pg-drop-index-not-concurrent",
                PG,
                USERS,
                "DROP INDEX public.ix_orders_user;",
                "DROP INDEX IF EXISTS ix_never_created;");
        add(
                cases,
                "pg-constraint-builds-index",
                PG,
                USERS,
                "ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE (email);",
                "ALTER TABLE users ADD CONSTRAINT ux_email UNIQUE USING INDEX ux_users_email;");
        add(
                cases,
                "pg-constraint-builds-index",
                PG,
                USERS,
                "ALTER TABLE orders ADD PRIMARY KEY (id);",
                "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX ux_orders_id;");
        add(
                cases,
                "pg-constraint-builds-index",
                PG,
                USERS,
                "ALTER TABLE users ADD COLUMN code TEXT UNIQUE;",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT);\nALTER TABLE t ADD CONSTRAINT ux_t UNIQUE (id);");
        add(
                cases,
                "pg-enum-value-in-transaction",
                PG,
                "CREATE TYPE mood AS ENUM ('sad', 'ok');",
                "ALTER TYPE mood ADD VALUE 'happy';",
                "-- strata:no-transaction\nALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';");
        add(
                cases,
                "pg-enum-value-in-transaction",
                PG,
                "CREATE TYPE mood AS ENUM ('sad', 'ok');",
                "ALTER TYPE public.mood ADD VALUE 'happy' AFTER 'ok';\nUPDATE users SET name = 'x' WHERE id = 1;",
                "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';");
        add(cases, "truncate-cascade", PG, USERS, "TRUNCATE users CASCADE;", "TRUNCATE orders, users;");
        // PostgreSQL objects beside tables
        String mood = "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE SCHEMA IF NOT EXISTS reporting;\n"
                + "CREATE DOMAIN price AS numeric(12, 2);\n";
        add(
                cases,
                "pg-rename-enum-value",
                PG,
                mood,
                "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';",
                "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'fine';");
        add(
                cases,
                "pg-rename-enum-value",
                PG,
                mood,
                "CREATE SCHEMA IF NOT EXISTS mood;\nALTER TYPE public.\"mood\" RENAME VALUE 'ok' TO 'fine';",
                "CREATE TYPE colour AS ENUM ('red');\nALTER TYPE colour RENAME VALUE 'red' TO 'crimson';");
        add(
                cases,
                "pg-rename-schema",
                PG,
                mood,
                "ALTER SCHEMA reporting RENAME TO analytics;",
                "ALTER SCHEMA reporting OWNER TO app;");
        add(
                cases,
                "pg-rename-schema",
                PG,
                mood,
                "ALTER SCHEMA \"reporting\" RENAME TO \"analytics\";",
                "CREATE SCHEMA staging;\nALTER SCHEMA staging RENAME TO scratch;");
        add(
                cases,
                "pg-domain-constraint-not-valid",
                PG,
                mood,
                "ALTER DOMAIN price ADD CONSTRAINT price_positive CHECK (VALUE > 0);",
                "ALTER DOMAIN price ADD CONSTRAINT price_positive CHECK (VALUE > 0) NOT VALID;");
        add(
                cases,
                "pg-domain-constraint-not-valid",
                PG,
                mood,
                "ALTER DOMAIN public.price SET NOT NULL;",
                "ALTER DOMAIN public.price VALIDATE CONSTRAINT price_positive;");
        add(
                cases,
                "pg-domain-constraint-not-valid",
                PG,
                mood,
                "ALTER DOMAIN price ADD CHECK (VALUE < 1000000);",
                "CREATE DOMAIN weight AS numeric;\nALTER DOMAIN weight ADD CHECK (VALUE >= 0);");
        // PostgreSQL's maintenance commands
        String noTx = "-- strata:no-transaction\n";
        add(
                cases,
                "pg-vacuum-full-or-cluster",
                PG,
                USERS,
                noTx + "VACUUM FULL users;",
                noTx + "VACUUM (ANALYZE) users;");
        add(
                cases,
                "pg-vacuum-full-or-cluster",
                PG,
                USERS,
                noTx + "VACUUM (FULL, ANALYZE) public.orders;",
                noTx + "VACUUM (FULL 'off', ANALYZE) orders;");
        add(cases, "pg-vacuum-full-or-cluster", PG, USERS, noTx + "VACUUM FULL VERBOSE;", noTx + "VACUUM VERBOSE;");
        add(
                cases,
                "pg-vacuum-full-or-cluster",
                PG,
                USERS,
                "CLUSTER orders USING ix_orders_user;",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT, n TEXT);\nCREATE INDEX IF NOT EXISTS ix_t_n ON t (n);\n"
                        + "CLUSTER t USING ix_t_n;");
        add(
                cases,
                "pg-vacuum-full-or-cluster",
                PG,
                USERS,
                "CLUSTER ix_orders_user ON orders;",
                "ALTER TABLE orders CLUSTER ON ix_orders_user;");
        add(
                cases,
                "pg-reindex-not-concurrent",
                PG,
                USERS,
                "REINDEX INDEX ix_orders_user;",
                noTx + "REINDEX INDEX CONCURRENTLY ix_orders_user;");
        add(
                cases,
                "pg-reindex-not-concurrent",
                PG,
                USERS,
                "REINDEX (VERBOSE) TABLE public.orders;",
                noTx + "REINDEX (CONCURRENTLY, VERBOSE) TABLE orders;");
        add(
                cases,
                "pg-reindex-not-concurrent",
                PG,
                USERS,
                noTx + "REINDEX SCHEMA public;",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT, n TEXT);\nCREATE INDEX IF NOT EXISTS ix_t_n ON t (n);\n"
                        + "REINDEX INDEX ix_t_n;\nREINDEX TABLE t;");
        add(
                cases,
                "pg-reindex-not-concurrent",
                PG,
                USERS,
                noTx + "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_total ON orders (total);\n"
                        + "REINDEX INDEX ix_orders_total;",
                noTx + "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_total ON orders (total);\n"
                        + "REINDEX INDEX CONCURRENTLY ix_orders_total;");
        add(
                cases,
                "pg-reindex-not-concurrent",
                PG,
                USERS,
                noTx + "REINDEX (CONCURRENTLY false) DATABASE;",
                noTx + "REINDEX SCHEMA CONCURRENTLY public;");
        String partitioned = "CREATE TABLE IF NOT EXISTS events (id BIGINT, at DATE) PARTITION BY RANGE (at);\n"
                + "CREATE TABLE IF NOT EXISTS events_2024 PARTITION OF events"
                + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n";
        add(
                cases,
                "pg-detach-partition-not-concurrent",
                PG,
                partitioned,
                "ALTER TABLE events DETACH PARTITION events_2024;",
                noTx + "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;");
        add(
                cases,
                "pg-detach-partition-not-concurrent",
                PG,
                partitioned,
                "ALTER TABLE IF EXISTS public.events DETACH PARTITION public.events_2024;",
                noTx + "ALTER TABLE events DETACH PARTITION events_2024 FINALIZE;");
        add(
                cases,
                "pg-detach-partition-not-concurrent",
                PG,
                "",
                "ALTER TABLE ONLY measurements DETACH PARTITION measurements_old;",
                "CREATE TABLE IF NOT EXISTS logs (id BIGINT, at DATE) PARTITION BY RANGE (at);\n"
                        + "CREATE TABLE IF NOT EXISTS logs_1 PARTITION OF logs"
                        + " FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
                        + "ALTER TABLE logs DETACH PARTITION logs_1;");
        add(
                cases,
                "pg-int-key-overflow",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS events (id SERIAL PRIMARY KEY, body TEXT);",
                "CREATE TABLE IF NOT EXISTS events (id BIGSERIAL PRIMARY KEY, body TEXT, attempts INTEGER);");
        add(
                cases,
                "pg-int-key-overflow",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS events (id INTEGER GENERATED ALWAYS AS IDENTITY, body TEXT);",
                "CREATE TABLE IF NOT EXISTS events (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY);");
        add(
                cases,
                "pg-int-key-overflow",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS kinds (id SMALLINT PRIMARY KEY);",
                "CREATE TABLE IF NOT EXISTS kinds (id BIGINT PRIMARY KEY, rank SMALLINT);");
        add(
                cases,
                "pg-timestamp-without-time-zone",
                PG,
                USERS,
                "ALTER TABLE users ADD COLUMN seen_at TIMESTAMP;",
                "ALTER TABLE users ADD COLUMN seen_at TIMESTAMPTZ;");
        add(
                cases,
                "pg-timestamp-without-time-zone",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT, at timestamp(3) without time zone);",
                "CREATE TABLE IF NOT EXISTS t (id BIGINT, at timestamp(3) with time zone);");
        add(
                cases,
                "pg-char-type",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS countries (code CHAR(2) PRIMARY KEY, name TEXT);",
                "CREATE TABLE IF NOT EXISTS countries (code VARCHAR(2) PRIMARY KEY, name CHARACTER VARYING(80));");
        add(
                cases,
                "pg-char-type",
                PG,
                USERS,
                "ALTER TABLE users ALTER COLUMN name TYPE character(20);",
                "ALTER TABLE users ALTER COLUMN name TYPE text;");
        String longName = "order_line_items_with_their_shipping_addresses_and_billing_details"; // 66 bytes
        add(
                cases,
                "pg-identifier-too-long",
                PG,
                "",
                "CREATE TABLE IF NOT EXISTS " + longName + " (id BIGINT);",
                "CREATE TABLE IF NOT EXISTS order_line_items (id BIGINT);");
        add(
                cases,
                "pg-identifier-too-long",
                PG,
                USERS,
                "CREATE INDEX IF NOT EXISTS \"ix_users_name_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
                        + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\" ON users (name);",
                "INSERT INTO users (id, email) VALUES (1, '" + longName + "');");
        // compatibility
        add(
                cases,
                "rename-column",
                BOTH,
                USERS,
                "ALTER TABLE users RENAME COLUMN name TO full_name;",
                "ALTER TABLE users ADD COLUMN full_name TEXT;");
        add(
                cases,
                "rename-table",
                BOTH,
                USERS,
                "ALTER TABLE orders RENAME TO purchases;",
                "CREATE TABLE IF NOT EXISTS t_new (id INTEGER);\nALTER TABLE t_new RENAME TO t2;");
        // precision
        add(
                cases,
                "lossy-type-change",
                PG,
                USERS,
                "ALTER TABLE orders ALTER COLUMN total TYPE FLOAT;",
                "ALTER TABLE orders ALTER COLUMN total TYPE NUMERIC(14,4);");
        add(
                cases,
                "lossy-type-change",
                PG,
                USERS,
                "ALTER TABLE users ALTER COLUMN name TYPE INTEGER USING name::int;",
                "ALTER TABLE users ALTER COLUMN score TYPE BIGINT;");
        // performance
        add(
                cases,
                "fk-without-index",
                BOTH,
                USERS,
                "CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id));",
                "CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES users (id));\n"
                        + "CREATE INDEX IF NOT EXISTS ix_posts_author ON posts (author_id);");
        // SQLite and D1
        add(
                cases,
                "sqlite-alter-unsupported",
                LITE,
                USERS,
                "ALTER TABLE users ADD COLUMN code TEXT UNIQUE;",
                "ALTER TABLE users ADD COLUMN code TEXT;");
        add(
                cases,
                "sqlite-alter-unsupported",
                LITE,
                USERS,
                "ALTER TABLE users ADD COLUMN seen_at DATETIME DEFAULT CURRENT_TIMESTAMP;",
                "ALTER TABLE users ADD COLUMN seen_at DATETIME DEFAULT '1970-01-01';");
        add(
                cases,
                "sqlite-alter-unsupported",
                LITE,
                USERS,
                "ALTER TABLE orders DROP COLUMN user_id;",
                "ALTER TABLE orders DROP COLUMN note;");
        add(
                cases,
                "sqlite-alter-unsupported",
                LITE,
                USERS,
                "ALTER TABLE orders ALTER COLUMN total TYPE REAL;",
                "ALTER TABLE orders RENAME COLUMN note TO remark;");
        add(
                cases,
                "d1-transaction-control",
                Set.of(D1),
                USERS,
                "BEGIN TRANSACTION;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;",
                "UPDATE users SET score = 1 WHERE id = 1;");
        add(
                cases,
                "d1-foreign-keys-pragma",
                Set.of(D1),
                USERS,
                "PRAGMA foreign_keys = OFF;",
                "PRAGMA defer_foreign_keys = on;");
        // the history
        add(
                cases,
                "history-write",
                BOTH,
                USERS,
                "DELETE FROM strata_history WHERE version = '0001';",
                "INSERT INTO users (id, email) SELECT installed_rank, name FROM strata_history;");
        return cases.stream();
    }

    private static void add(
            List<Case> cases, String rule, Set<LintTarget> targets, String setup, String fires, String nearMiss) {
        cases.add(new Case(rule, targets, setup, fires, true));
        cases.add(new Case(rule, targets, setup, nearMiss, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFiresOnItsCaseAndNotOnTheNearMiss(Case example) {
        for (LintTarget target : example.targets()) {
            List<String> rules = Lint.rules(target, example.setup(), example.sql());
            if (example.fires()) {
                assertThat(rules).as("%s on %s", example.sql(), target).contains(example.rule());
            } else {
                assertThat(rules).as("%s on %s", example.sql(), target).doesNotContain(example.rule());
            }
        }
    }

    @Test
    void engineRulesStayOnTheirEngine() {
        assertThat(Lint.rules(SQLITE, USERS, "CREATE INDEX IF NOT EXISTS ix ON users (name);"))
                .doesNotContain("pg-index-not-concurrent");
        assertThat(Lint.rules(POSTGRES, USERS, "ALTER TABLE users ADD COLUMN code TEXT UNIQUE;"))
                .doesNotContain("sqlite-alter-unsupported");
        assertThat(Lint.rules(SQLITE, USERS, "PRAGMA foreign_keys = OFF;")).doesNotContain("d1-foreign-keys-pragma");
        assertThat(Lint.rules(SQLITE, USERS, "BEGIN;\nUPDATE users SET score = 1 WHERE id = 1;\nCOMMIT;"))
                .doesNotContain("d1-transaction-control", "transaction-control");
    }

    @Test
    void everyStatementRuleHasAFiringCaseAndANearMiss() {
        Set<String> covered = cases().map(Case::rule).collect(Collectors.toSet());
        // Rebuilds are tested in LinterTest; d1-long-rebuild needs the rows counted on a database too.
        Set<String> exempt =
                Set.of("table-rebuild", "rebuild-drops-indexes", "rebuild-with-cascade-children", "d1-long-rebuild");
        assertThat(Rules.statementRules().stream().map(Rule::id).filter(id -> !exempt.contains(id)))
                .allMatch(covered::contains);
    }
}
