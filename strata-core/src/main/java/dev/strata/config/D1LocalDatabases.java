package dev.strata.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds the SQLite file behind {@code d1-local:NAME}: the local D1 database that {@code wrangler
 * --local} keeps for the binding or database_name NAME of the project's wrangler config, so that
 * strata and wrangler work on one local database.
 *
 * <p>wrangler (through miniflare) stores each local D1 database as
 * {@code .wrangler/state/v3/d1/miniflare-D1DatabaseObject/<id>.sqlite}, where {@code <id>} is
 * workerd's Durable Object id for the name {@code preview_database_id}, else {@code database_id},
 * else the binding: HMAC-SHA256 keyed with SHA-256 of {@code miniflare-D1DatabaseObject}, over the
 * name (first 16 bytes), then over those bytes (first 16 bytes), in hex.
 */
final class D1LocalDatabases {

    static final String PREFIX = "d1-local:";
    private static final String OBJECT_NAMESPACE = "miniflare-D1DatabaseObject";
    private static final Path STATE = Path.of(".wrangler", "state", "v3", "d1", OBJECT_NAMESPACE);

    private D1LocalDatabases() {}

    /**
     * @param url         the whole URL, for messages
     * @param name        the binding or database_name after {@code d1-local:}
     * @param projectDir  where wrangler's config and {@code .wrangler} live
     * @throws ConfigurationException when there is no wrangler config, no such database in it, or
     *                                wrangler has not created the local database yet
     */
    static DatabaseUrl parse(String url, String name, Path projectDir) {
        if (name.isBlank()) {
            throw new ConfigurationException(
                    "database URL '" + url + "' names no database; write d1-local:BINDING," + " e.g. d1-local:DB");
        }
        Path project = projectDir.toAbsolutePath().normalize();
        WranglerConfig config = WranglerConfig.find(project)
                .orElseThrow(() -> new ConfigurationException("database URL '" + url + "': no wrangler.toml,"
                        + " wrangler.json or wrangler.jsonc in " + project + "; d1-local: finds the local D1"
                        + " database through wrangler's config, so run strata in the wrangler project (or use -C)"));
        WranglerD1Database database =
                config.database(name, Optional.empty()).orElseThrow(() -> unknown(config, name, url));
        String objectName =
                database.previewDatabaseId().or(database::databaseId).orElse(database.binding());
        Path file = project.resolve(STATE).resolve(objectId(objectName) + ".sqlite");
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("database URL '" + url + "': the local D1 database of " + name
                    + " does not exist yet (" + project.relativize(file) + "); create it with wrangler first, e.g."
                    + " 'wrangler d1 execute " + name + " --local --command \"SELECT 1\"'");
        }
        return new DatabaseUrl(
                DatabaseUrl.Engine.SQLITE,
                "jdbc:sqlite:" + file,
                Optional.empty(),
                Optional.empty(),
                Optional.of(file),
                url);
    }

    private static ConfigurationException unknown(WranglerConfig config, String name, String url) {
        List<String> known =
                config.databases().stream().map(WranglerD1Database::binding).toList();
        return new ConfigurationException("database URL '" + url + "': " + config.fileName() + " has no D1 database"
                + " with binding or database_name '" + name + "'; "
                + (known.isEmpty() ? "it declares no d1_databases" : "bindings declared: " + String.join(", ", known)));
    }

    /** workerd's Durable Object id for {@code name} in the D1 namespace, as miniflare names its files. */
    static String objectId(String name) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(OBJECT_NAMESPACE.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] nameHmac = java.util.Arrays.copyOf(mac.doFinal(name.getBytes(StandardCharsets.UTF_8)), 16);
            byte[] check = java.util.Arrays.copyOf(mac.doFinal(nameHmac), 16);
            return HexFormat.of().formatHex(nameHmac) + HexFormat.of().formatHex(check);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256 and HmacSHA256", e);
        }
    }
}
