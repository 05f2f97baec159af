package dev.strata.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Cloudflare's REST API serves one remote D1 database, and what the project's wrangler config
 * says about it. Holds no secret: the API token stays in {@link DatabaseUrl#password()}.
 *
 * @param apiBase         the API's address, {@code https://api.cloudflare.com/client/v4} unless
 *                        {@code CLOUDFLARE_API_BASE_URL} says otherwise
 * @param accountId       the Cloudflare account the database belongs to
 * @param databaseId      the database's id (a UUID)
 * @param migrationsTable wrangler's history table for this database, from {@code migrations_table}
 * @param migrationsDir   wrangler's migrations folder for this database, when the URL came from a
 *                        wrangler config; absolute
 */
public record D1Address(
        URI apiBase, String accountId, String databaseId, String migrationsTable, Optional<Path> migrationsDir) {

    /** Cloudflare's API, as wrangler addresses it when CLOUDFLARE_API_BASE_URL is not set. */
    public static final URI DEFAULT_API_BASE = URI.create("https://api.cloudflare.com/client/v4");

    public D1Address {
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(migrationsTable, "migrationsTable");
        Objects.requireNonNull(migrationsDir, "migrationsDir");
    }

    /** {@code .../accounts/ACCOUNT/d1/database/ID/} + {@code endpoint}, e.g. {@code raw}. */
    public URI endpoint(String endpoint) {
        String base = apiBase.toString().replaceAll("/+$", "");
        return URI.create(base + "/accounts/" + accountId + "/d1/database/" + databaseId + "/" + endpoint);
    }
}
