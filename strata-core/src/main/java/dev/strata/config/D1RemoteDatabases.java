package dev.strata.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the URLs of remote Cloudflare D1 databases: {@code d1:NAME} and {@code d1:NAME?env=ENV}
 * (the binding or database_name NAME in the project's wrangler config, top level or
 * {@code [env.ENV]}), and {@code d1://ACCOUNT_ID/DATABASE_ID}, which needs no config.
 *
 * <p>Credentials come from the variables wrangler itself reads: {@code CLOUDFLARE_API_TOKEN},
 * {@code CLOUDFLARE_ACCOUNT_ID} (unless the URL or the config names the account) and
 * {@code CLOUDFLARE_API_BASE_URL}. The token goes into {@link DatabaseUrl#password()}, which nothing
 * prints; no message here ever quotes it.
 */
final class D1RemoteDatabases {

    static final String PREFIX = "d1:";
    static final String TOKEN = "CLOUDFLARE_API_TOKEN";
    static final String ACCOUNT = "CLOUDFLARE_ACCOUNT_ID";
    static final String API_BASE = "CLOUDFLARE_API_BASE_URL";
    /** Cloudflare's ids are hex or UUIDs; anything else can't be one and must not reach a request path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private static final String TOKEN_HELP = "create one in the Cloudflare dashboard (My Profile > API Tokens) with"
            + " the Account > D1 > Edit permission, and set it in " + TOKEN;

    private D1RemoteDatabases() {}

    /**
     * @param url        the URL as written (already without a password to hide: D1 URLs carry none)
     * @param projectDir where the wrangler config is looked for
     * @param env        the environment variables of the run
     */
    static DatabaseUrl parse(String url, Path projectDir, Map<String, String> env) {
        String rest = url.substring(PREFIX.length());
        return rest.startsWith("//") ? byId(url, rest.substring(2), env) : byName(url, rest, projectDir, env);
    }

    private static DatabaseUrl byId(String url, String path, Map<String, String> env) {
        String[] parts = path.split("/", -1);
        if (parts.length != 2
                || !ID.matcher(parts[0]).matches()
                || !ID.matcher(parts[1]).matches()) {
            throw new ConfigurationException("database URL '" + url + "': write remote D1 URLs as"
                    + " d1://ACCOUNT_ID/DATABASE_ID (the ids 'wrangler d1 list' shows), or d1:NAME for a database"
                    + " of the wrangler config");
        }
        D1Address address = new D1Address(
                apiBase(env), parts[0], parts[1], WranglerD1Database.DEFAULT_MIGRATIONS_TABLE, Optional.empty());
        return remote(url, address, token(url, env));
    }

    private static DatabaseUrl byName(String url, String rest, Path projectDir, Map<String, String> env) {
        int q = rest.indexOf('?');
        String name = q < 0 ? rest : rest.substring(0, q);
        Optional<String> environment = q < 0 ? Optional.empty() : Optional.of(environment(url, rest.substring(q + 1)));
        if (name.isBlank()) {
            throw new ConfigurationException("database URL '" + url + "' names no database; write d1:BINDING (or"
                    + " d1:DATABASE_NAME) of the wrangler config, or d1://ACCOUNT_ID/DATABASE_ID");
        }
        Path project = projectDir.toAbsolutePath().normalize();
        WranglerConfig config = WranglerConfig.find(project)
                .orElseThrow(() -> new ConfigurationException(
                        "database URL '" + url + "': no wrangler.toml, wrangler.json or wrangler.jsonc in " + project
                                + "; d1:NAME finds the database through wrangler's config, so run strata in the wrangler"
                                + " project (or use -C), or write d1://ACCOUNT_ID/DATABASE_ID"));
        String level = environment.map(e -> "[env." + e + "]").orElse("the top level");
        if (environment.isPresent() && !config.environments().containsKey(environment.get())) {
            throw new ConfigurationException("database URL '" + url + "': " + config.fileName() + " has no [env."
                    + environment.get() + "] block; "
                    + (config.environments().isEmpty()
                            ? "it declares no environments"
                            : "environments declared: "
                                    + String.join(", ", config.environments().keySet())));
        }
        WranglerD1Database database = config.database(name, environment).orElseThrow(() -> {
            List<String> known = config.databases(environment).stream()
                    .map(WranglerD1Database::binding)
                    .toList();
            return new ConfigurationException("database URL '" + url + "': " + config.fileName() + " has no D1"
                    + " database with binding or database_name '" + name + "' at " + level + " (wrangler does not"
                    + " inherit d1_databases into environments); "
                    + (known.isEmpty()
                            ? "none is declared there"
                            : "bindings declared there: " + String.join(", ", known)));
        });
        String databaseId = database.databaseId()
                .orElseThrow(() -> new ConfigurationException("database URL '"
                        + url + "': the D1 database " + name + " in " + config.fileName()
                        + " has no database_id; add the id"
                        + " 'wrangler d1 list' shows (or run 'wrangler d1 create')"));
        if (!ID.matcher(databaseId).matches()) {
            throw new ConfigurationException("database URL '" + url + "': database_id '" + databaseId + "' of " + name
                    + " in " + config.fileName() + " is not a D1 database id; copy it from 'wrangler d1 list'");
        }
        String account = Optional.ofNullable(env.get(ACCOUNT))
                .filter(a -> !a.isBlank())
                .map(String::strip)
                .or(config::accountId)
                .orElseThrow(() -> new ConfigurationException("database URL '" + url + "': the Cloudflare account"
                        + " is not known; set " + ACCOUNT + " (the id in the dashboard's URL, or 'wrangler whoami'),"
                        + " or account_id in " + config.fileName()));
        if (!ID.matcher(account).matches()) {
            throw new ConfigurationException(
                    "database URL '" + url + "': the account id is not a Cloudflare account" + " id; check " + ACCOUNT);
        }
        D1Address address = new D1Address(
                apiBase(env),
                account,
                databaseId,
                database.effectiveMigrationsTable(),
                Optional.of(config.directory()
                        .resolve(database.effectiveMigrationsDir())
                        .normalize()));
        return remote(url, address, token(url, env));
    }

    private static String environment(String url, String query) {
        String[] pair = query.split("=", 2);
        if (pair.length != 2 || !pair[0].equals("env") || pair[1].isBlank() || query.contains("&")) {
            throw new ConfigurationException("database URL '" + url + "': the only parameter of d1:NAME is ?env=ENV,"
                    + " the [env.ENV] block of the wrangler config (e.g. d1:DB?env=staging)");
        }
        return pair[1];
    }

    private static String token(String url, Map<String, String> env) {
        String token = env.get(TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConfigurationException("database URL '" + url + "': " + TOKEN + " is not set; strata reaches"
                    + " remote D1 through Cloudflare's API with an API token: " + TOKEN_HELP);
        }
        return token.strip();
    }

    private static URI apiBase(Map<String, String> env) {
        String base = env.get(API_BASE);
        if (base == null || base.isBlank()) {
            return D1Address.DEFAULT_API_BASE;
        }
        try {
            URI uri = new URI(base.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new URISyntaxException(base, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(API_BASE + " is not an http(s) address (" + e.getReason() + "); unset it"
                    + " to use Cloudflare's API, or give e.g. https://api.cloudflare.com/client/v4");
        }
    }

    private static DatabaseUrl remote(String url, D1Address address, String token) {
        return new DatabaseUrl(
                DatabaseUrl.Engine.D1,
                "d1://" + address.accountId() + "/" + address.databaseId(),
                Optional.empty(),
                Optional.of(token),
                Optional.empty(),
                url,
                Optional.of(address));
    }
}
