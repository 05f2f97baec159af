package dev.strata.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a wrangler config's {@code d1_databases}: a D1 database a Worker binds.
 *
 * @param binding           the name the Worker's code uses ({@code env.DB})
 * @param databaseName      the database's name in the Cloudflare account
 * @param databaseId        the database's id in the Cloudflare account, what the REST API addresses
 * @param previewDatabaseId the database {@code wrangler dev} uses instead, when set
 * @param migrationsDir     where wrangler keeps this database's migrations, relative to the config
 * @param migrationsTable   the table wrangler records applied migrations in
 */
public record WranglerD1Database(
        String binding,
        Optional<String> databaseName,
        Optional<String> databaseId,
        Optional<String> previewDatabaseId,
        Optional<String> migrationsDir,
        Optional<String> migrationsTable) {

    /** What wrangler uses when {@code migrations_dir} is not set. */
    public static final String DEFAULT_MIGRATIONS_DIR = "migrations";
    /** What wrangler uses when {@code migrations_table} is not set. */
    public static final String DEFAULT_MIGRATIONS_TABLE = "d1_migrations";

    public WranglerD1Database {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(previewDatabaseId, "previewDatabaseId");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
        Objects.requireNonNull(migrationsTable, "migrationsTable");
    }

    /** Whether {@code name} is this database's binding or its database_name, as wrangler's commands accept. */
    public boolean isNamed(String name) {
        return binding.equals(name) || databaseName.filter(name::equals).isPresent();
    }

    /** The migrations folder wrangler uses for this database, relative to the config file. */
    public String effectiveMigrationsDir() {
        return migrationsDir.orElse(DEFAULT_MIGRATIONS_DIR);
    }

    /** The history table wrangler uses for this database. */
    public String effectiveMigrationsTable() {
        return migrationsTable.orElse(DEFAULT_MIGRATIONS_TABLE);
    }
}
