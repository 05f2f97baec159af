package dev.strata.config;

import dev.strata.config.DatabaseUrl.Engine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the database URLs people write ({@code sqlite:dev.db}, {@code postgres://app:pw@host/db})
 * into {@link DatabaseUrl}s.
 *
 * <p>Passwords never reach a message: every error shows the URL through {@link #redact(String)},
 * which hides more than strictly needed when the URL is malformed, because then the parser can't be
 * sure where the password ends.
 */
public final class DatabaseUrls {

    private static final String SUPPORTED = "strata supports sqlite:PATH, d1-local:BINDING, d1:BINDING,"
            + " d1://ACCOUNT_ID/DATABASE_ID and postgres://USER@HOST/DB";
    private static final List<String> POSTGRES_PREFIXES = List.of("postgres://", "postgresql://", "jdbc:postgresql://");
    /**
     * A URL parameter that holds a secret (password, sslpassword, a token...), with its value: up to
     * the next {@code &name=}, so that an unencoded {@code &} inside the value is hidden with it.
     */
    private static final Pattern PASSWORD_PARAM = Pattern.compile(
            "([?&][A-Za-z_.-]*(?:password|passwd|pwd|secret|token)[A-Za-z_.-]*=)(?:(?!&[A-Za-z_][A-Za-z0-9_.-]*=).)*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final String MEMORY = ":memory:";
    private static final Pattern NAMED_MEMORY = Pattern.compile("[A-Za-z0-9_.-]+");

    private DatabaseUrls() {}

    /**
     * @param url        the URL as written by the user
     * @param projectDir the folder relative SQLite paths are resolved against
     * @throws ConfigurationException when the URL is empty, of an unknown kind, or malformed
     */
    public static DatabaseUrl parse(String url, Path projectDir) {
        return parse(url, projectDir, java.util.Map.of());
    }

    /**
     * @param env the environment variables of the run: a remote D1 URL takes its API token, account
     *            and API address from them
     * @throws ConfigurationException when the URL is empty, of an unknown kind, or malformed, or a
     *                                remote D1 URL lacks its token or account
     */
    public static DatabaseUrl parse(String url, Path projectDir, java.util.Map<String, String> env) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(
                    "the database URL is empty; use sqlite:PATH (e.g. sqlite:dev.db) " + "or postgres://USER@HOST/DB");
        }
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(D1LocalDatabases.PREFIX)) {
            // A d1-local: URL has no password of its own, but whatever was typed is quoted in messages: hide one.
            String shown = redact(trimmed);
            return D1LocalDatabases.parse(shown, shown.substring(D1LocalDatabases.PREFIX.length()), projectDir);
        }
        if (lower.startsWith(D1RemoteDatabases.PREFIX)) {
            return D1RemoteDatabases.parse(redact(trimmed), projectDir, env);
        }
        for (String prefix : List.of("jdbc:sqlite:", "sqlite:")) {
            if (lower.startsWith(prefix)) {
                return sqlite(trimmed, trimmed.substring(prefix.length()), projectDir);
            }
        }
        for (String prefix : POSTGRES_PREFIXES) {
            if (lower.startsWith(prefix)) {
                return postgres(trimmed, prefix.length());
            }
        }
        for (String scheme : List.of("jdbc:postgresql:", "postgresql:", "postgres:")) {
            if (lower.startsWith(scheme)) {
                // Without '//' nothing tells where a password would end: nothing after the scheme is quoted.
                throw new ConfigurationException(
                        "the database URL starting with '" + trimmed.substring(0, scheme.length())
                                + "' has no '//' before the host; write it as postgres://USER@HOST/DB");
            }
        }
        throw new ConfigurationException("unsupported database URL '" + redact(trimmed) + "': " + SUPPORTED);
    }

    private static DatabaseUrl sqlite(String url, String location, Path projectDir) {
        if (location.startsWith("//")) {
            // sqlite://x is ambiguous (host or path?) in other tools; refuse rather than guess.
            throw new ConfigurationException(
                    "database URL '" + redact(url) + "': write SQLite URLs as sqlite:PATH without "
                            + "'//' (e.g. sqlite:dev.db or sqlite:/var/data/app.db)");
        }
        int q = location.indexOf('?');
        String file = q < 0 ? location : location.substring(0, q);
        String query = q < 0 ? "" : location.substring(q);
        if (file.isEmpty()) {
            throw new ConfigurationException("database URL '" + redact(url) + "' names no file; use sqlite:PATH "
                    + "(e.g. sqlite:dev.db) or sqlite::memory:");
        }
        if (file.equals(MEMORY)) {
            return new DatabaseUrl(
                    Engine.SQLITE,
                    "jdbc:sqlite:" + MEMORY + query,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    redact(url));
        }
        if (file.startsWith(MEMORY)) {
            return namedMemory(url, file.substring(MEMORY.length()), query);
        }
        Path path;
        try {
            path = projectDir.toAbsolutePath().resolve(file).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigurationException("database URL '" + redact(url) + "': '" + file
                    + "' is not a valid file path (" + e.getReason() + ")");
        }
        return new DatabaseUrl(
                Engine.SQLITE,
                "jdbc:sqlite:" + path + query,
                Optional.empty(),
                Optional.empty(),
                Optional.of(path),
                redact(url));
    }

    /**
     * {@code sqlite::memory:NAME}: an in-memory database that every connection of this process opening
     * the same name shares, for as long as one of them stays open. SQLite's memdb VFS provides it with
     * the same locking as a file (unlike a shared-cache database, where a second writer fails at once
     * instead of waiting), so strata's sessions on it behave as on a file.
     */
    private static DatabaseUrl namedMemory(String url, String name, String query) {
        if (!NAMED_MEMORY.matcher(name).matches()) {
            throw new ConfigurationException(
                    "database URL '" + redact(url) + "': the name of an in-memory database may "
                            + "hold only letters, digits, '-', '_' and '.' (e.g. sqlite::memory:scratch)");
        }
        String parameters = query.isEmpty() ? "" : "&" + query.substring(1);
        return new DatabaseUrl(
                Engine.SQLITE,
                "jdbc:sqlite:file:/" + name + "?vfs=memdb" + parameters,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                redact(url));
    }

    private static DatabaseUrl postgres(String url, int schemeLength) {
        String rest = url.substring(schemeLength);
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = rest.substring(0, authorityEnd);
        int at = authority.lastIndexOf('@');
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon), url))
                    .filter(name -> !name.isEmpty());
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1), url));
        }
        String hostPort = hostAndPort(authority.substring(at + 1), url);

        String afterAuthority = rest.substring(authorityEnd);
        int q = afterAuthority.indexOf('?');
        String path = q < 0 ? afterAuthority : afterAuthority.substring(0, q);
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw new ConfigurationException("database URL '" + redact(url) + "' names no database; add it after "
                    + "the host, as in postgres://USER@HOST/DB");
        }
        if (database.contains("/") || database.contains("@")) {
            // Most likely an unencoded '/' or '@' in the password moved the split; don't guess further.
            throw new ConfigurationException("database URL '" + redact(url) + "' has a database name with '/' or "
                    + "'@'; percent-encode special characters in the user and password (%2F for /, %40 for @)");
        }

        List<String> kept = new ArrayList<>();
        String[] params =
                q < 0 ? new String[0] : afterAuthority.substring(q + 1).split("&", -1);
        for (int i = 0; i < params.length; i++) {
            String param = params[i];
            String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
            String value = param.substring(key.length() + (param.contains("=") ? 1 : 0));
            if (PASSWORD_PARAM.matcher("&" + key + "=").matches()) {
                // An unencoded '&' in a secret: what follows, up to the next name=value, is still the secret.
                while (i + 1 < params.length && !params[i + 1].matches("[A-Za-z_][A-Za-z0-9_.-]*=.*")) {
                    value += "&" + params[++i];
                }
                param = key + "=" + value;
            }
            if (key.equals("user")) {
                user = Optional.of(once(user, "user", decode(value, url), url));
            } else if (key.equals("password")) {
                password = Optional.of(once(password, "password", decode(value, url), url));
            } else if (!param.isEmpty()) {
                kept.add(param);
            }
        }
        String jdbcUrl =
                "jdbc:postgresql://" + hostPort + "/" + database + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new DatabaseUrl(
                Engine.POSTGRES, jdbcUrl, user, password, Optional.empty(), display(url, schemeLength, at));
    }

    /** Validates {@code host[:port]} or {@code [ipv6][:port]} and returns it unchanged. */
    private static String hostAndPort(String hostPort, String url) {
        int portColon = hostPort.startsWith("[")
                ? hostPort.indexOf(':', Math.max(0, hostPort.indexOf(']')))
                : hostPort.indexOf(':');
        String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        if (host.isEmpty() || host.equals("[]") || host.startsWith("[") && !host.endsWith("]")) {
            throw new ConfigurationException(
                    "database URL '" + redact(url) + "' names no host; write it as " + "postgres://USER@HOST/DB");
        }
        if (portColon >= 0) {
            String port = hostPort.substring(portColon + 1);
            // The port is not quoted: in a malformed URL it may be a piece of the password.
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new ConfigurationException("database URL '" + redact(url) + "' has a bad port; the port "
                        + "must be a number from 1 to 65535 (and special characters in the password must be "
                        + "percent-encoded)");
            }
        }
        return hostPort;
    }

    private static String once(Optional<String> current, String what, String value, String url) {
        if (current.isPresent()) {
            throw new ConfigurationException("database URL '" + redact(url) + "' gives the " + what + " twice (before "
                    + "'@' and as ?" + what + "=); keep one");
        }
        return value;
    }

    /**
     * The URL with any password replaced by {@code ***}, for messages about URLs that may be
     * malformed. When the authority holds no {@code @} but the rest of the URL does, an unencoded
     * {@code /} or {@code ?} in the password may have cut the authority short, so everything up to
     * the last {@code @} is hidden as if it were user info: too much rather than too little.
     */
    public static String redact(String url) {
        String text = hidePasswordParameter(url);
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            // Malformed (postgresql//u:pw@h, x:u:pw@h): no telling where user info starts, so everything from
            // the first ':' (or the start) to the last '@' is hidden.
            int at = text.lastIndexOf('@');
            if (at < 0) {
                return text;
            }
            int colon = text.indexOf(':');
            int start = colon >= 0 && colon < at ? colon + 1 : 0;
            return text.substring(0, start) + "***" + text.substring(at);
        }
        String rest = text.substring(schemeEnd + 3);
        int at = rest.substring(0, indexOfAny(rest, "/?")).lastIndexOf('@');
        return hideUserInfoPassword(text, schemeEnd + 3, at >= 0 ? at : rest.lastIndexOf('@'));
    }

    /** The display form of a URL that parsed: its user info ends exactly at {@code at}. */
    private static String display(String url, int authorityStart, int at) {
        return hideUserInfoPassword(hidePasswordParameter(url), authorityStart, at);
    }

    private static String hidePasswordParameter(String url) {
        return PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    }

    /** Replaces what follows the first ':' of the user info, which ends at {@code at} (relative). */
    private static String hideUserInfoPassword(String url, int authorityStart, int at) {
        if (at < 0) {
            return url;
        }
        int colon = url.indexOf(':', authorityStart) - authorityStart;
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, authorityStart + colon) + ":***" + url.substring(authorityStart + at);
    }

    /** Percent-decodes user info or a query value; {@code +} stays a plus, as in URL user info. */
    private static String decode(String encoded, String url) {
        if (encoded.indexOf('%') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            int percent = encoded.indexOf('%', i);
            int runEnd = percent < 0 ? encoded.length() : percent;
            bytes.writeBytes(encoded.substring(i, runEnd).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int hi = percent + 2 < encoded.length() ? Character.digit(encoded.charAt(percent + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(percent + 2), 16);
            if (lo < 0) {
                // The value is not shown: it may be the password.
                throw new ConfigurationException("database URL '" + redact(url) + "' has a bad percent-escape in "
                        + "the user, password or a parameter; write a literal % as %25");
            }
            bytes.write(hi * 16 + lo);
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
