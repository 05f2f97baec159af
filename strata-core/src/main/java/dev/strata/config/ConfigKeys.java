package dev.strata.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The keys strata.toml may hold, per table: the one place to extend when a feature adds a setting.
 *
 * <p>Unknown keys are errors because a typo ({@code urll}) would otherwise be ignored silently and
 * strata would run against the wrong database. Keys that later versions will read are accepted in
 * every table already, so a strata.toml written for a newer strata still loads here.
 */
final class ConfigKeys {

    static final String ENVIRONMENT = "environment";
    static final String MIGRATIONS = "migrations";
    static final String ENVIRONMENTS = "environments";
    static final String DIR = "dir";
    static final String TABLE = "table";
    static final String SCHEMA = "schema";
    static final String URL = "url";
    static final String SHADOW_URL = "shadow_url";
    /** Top level: the {@code [lint]} table of rule severities. In an environment: {@code lint = "strict"}. */
    static final String LINT = "lint";
    /** In {@code [lint]}: {@code since = "VERSION"}, the last version whose findings never block. */
    static final String LINT_SINCE = "since";
    /** {@code [migrations] target}: the engine the migrations are written for ({@code d1} turns on D1 rules). */
    static final String TARGET = "target";

    /** {@code [migrations] single_transaction} (and per environment): migrate applies all pending migrations in one transaction. */
    static final String SINGLE_TRANSACTION = "single_transaction";

    static final String HISTORY = "history";
    static final String REQUIRES = "requires";
    static final String CONFIRM = "confirm";
    static final String BACKUP = "backup";
    static final String KEEP = "keep";
    static final String SEEDS = "seeds";
    /** {@code [migrations]} or an environment: how long a migration waits for a lock ({@link LockSettings}). */
    static final String LOCK_TIMEOUT = "lock_timeout";
    /** {@code [migrations]} or an environment: how long a statement of a migration may run. */
    static final String STATEMENT_TIMEOUT = "statement_timeout";
    /** {@code [migrations]} or an environment: how often a migration that timed out on a lock is tried again. */
    static final String LOCK_RETRIES = "lock_retries";

    /** The lock keys, read in {@code [migrations]} and, overriding them, in each environment. */
    static final List<String> LOCK_KEYS = List.of(LOCK_TIMEOUT, STATEMENT_TIMEOUT, LOCK_RETRIES);

    /** In an environment: {@code protected = true}, which {@code strata reset} refuses to empty. */
    static final String PROTECTED = "protected";

    /** Top level: the {@code [log]} table, where the run log goes. */
    static final String LOG = "log";
    /** In {@code [log]}: the run log's file, relative to the project folder unless absolute. */
    static final String LOG_PATH = "path";
    /** In {@code [log]}: {@code enabled = false} writes no run log. */
    static final String LOG_ENABLED = "enabled";

    /** Keys read in {@code [log]}. */
    static final List<String> LOG_TABLE = List.of(LOG_PATH, LOG_ENABLED);

    /** Keys read at the top level, in the order they are listed to the user. */
    static final List<String> TOP_LEVEL = List.of(ENVIRONMENT, MIGRATIONS, ENVIRONMENTS, LINT, LOG);

    /** Keys read in {@code [migrations]}. */
    static final List<String> MIGRATIONS_TABLE = Stream.of(
                    List.of(DIR, TABLE, SCHEMA, SHADOW_URL, TARGET, HISTORY, SINGLE_TRANSACTION), LOCK_KEYS)
            .flatMap(List::stream)
            .toList();

    /** The linter's keys in each {@code [environments.NAME]}. */
    static final List<String> ENVIRONMENT_LINT_KEYS = List.of(LINT);

    /** Keys read in each {@code [environments.NAME]}. */
    static final List<String> ENVIRONMENT_TABLE = Stream.of(
                    List.of(
                            URL,
                            SCHEMA,
                            SHADOW_URL,
                            SINGLE_TRANSACTION,
                            REQUIRES,
                            CONFIRM,
                            BACKUP,
                            KEEP,
                            SEEDS,
                            PROTECTED),
                    ENVIRONMENT_LINT_KEYS,
                    LOCK_KEYS)
            .flatMap(List::stream)
            .toList();

    /**
     * Keys that only mean something in an {@code [environments.NAME]} table: anywhere else they are
     * an error that says where they belong, instead of being ignored.
     */
    static final Set<String> ENVIRONMENT_ONLY = Set.of(REQUIRES, CONFIRM, BACKUP, KEEP, SEEDS, PROTECTED);

    /** Keys reserved for later features: accepted anywhere, not read yet. */
    static final Set<String> RESERVED = Set.of("target");

    private ConfigKeys() {}
}
