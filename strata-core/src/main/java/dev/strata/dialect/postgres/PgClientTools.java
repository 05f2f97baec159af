package dev.strata.dialect.postgres;

import dev.strata.backup.BackupException;
import dev.strata.config.DatabaseUrl;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql): found on the PATH strata was given,
 * their versions checked, and run with the connection passed so that the password never appears on
 * a command line (where other users could see it) nor in anything printed.
 */
final class PgClientTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?");
    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^/]*)/([^?]*)(?:\\?(.*))?");

    private final Map<String, String> environment;

    /** @param environment the process environment strata was given: PATH, and anything libpq reads */
    PgClientTools(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A finished program: its exit code and what it wrote on stderr. */
    record Finished(int exitCode, String errors) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * The program {@code name} on the PATH.
     *
     * @param serverMajor the server's major version, to say which client tools to install
     * @throws BackupException naming the program, what it is needed for and how to get it
     */
    Path find(String name, String neededFor, int serverMajor) {
        String path = environment.getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator, -1)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new BackupException(name + " was not found on the PATH; strata uses PostgreSQL's " + name + " to "
                + neededFor + ". Install the PostgreSQL client tools, version " + serverMajor + " or newer (Debian"
                + " and Ubuntu: postgresql-client-" + serverMajor + "; macOS: brew install libpq), and put their bin"
                + " folder on the PATH.");
    }

    /** The major version {@code program --version} reports, e.g. 15 for "pg_dump (PostgreSQL) 15.18". */
    int majorVersion(Path program) {
        Finished finished = run(List.of(program.toString(), "--version"), Optional.empty(), Optional.empty(),
                Map.of(), true);
        Matcher matcher = VERSION.matcher(finished.errors());
        if (!finished.ok() || !matcher.find()) {
            throw new BackupException("could not tell the version of " + program + " ('" + program.getFileName()
                    + " --version' answered: " + finished.errors().strip() + ")");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * A libpq connection string for {@code url}, without the password: host, port, database, user,
     * and the TLS mode when the URL asks for one.
     */
    static String connectionString(DatabaseUrl url) {
        Matcher matcher = JDBC.matcher(url.jdbcUrl());
        if (!matcher.matches()) {
            throw new BackupException("can't pass " + url.display() + " to PostgreSQL's client tools; write it as"
                    + " postgres://USER@HOST:PORT/DB");
        }
        String hostPort = matcher.group(1);
        int colon = hostPort.startsWith("[") ? hostPort.indexOf(':', hostPort.indexOf(']')) : hostPort.indexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        List<String> parts = new ArrayList<>();
        parts.add("host=" + quote(host.startsWith("[") ? host.substring(1, host.length() - 1) : host));
        if (colon >= 0) {
            parts.add("port=" + quote(hostPort.substring(colon + 1)));
        }
        parts.add("dbname=" + quote(decode(matcher.group(2))));
        url.user().ifPresent(user -> parts.add("user=" + quote(user)));
        Map<String, String> params = params(matcher.group(3));
        Optional.ofNullable(params.get("sslmode")).or(() -> "true".equals(params.get("ssl"))
                ? Optional.of("require") : Optional.empty()).ifPresent(mode -> parts.add("sslmode=" + quote(mode)));
        parts.add("application_name=strata");
        return String.join(" ", parts);
    }

    /**
     * Runs a client program and waits for it.
     *
     * @param url           when present, its password is handed over in a private password file
     * @param stdout        where the program's output goes; empty discards it
     * @param extra         more environment variables for the program
     * @param mergeOutput   true to read stdout together with stderr (for --version)
     */
    Finished run(List<String> command, Optional<DatabaseUrl> url, Optional<Path> stdout, Map<String, String> extra,
                 boolean mergeOutput) {
        Path passwordFile = null;
        Path errors = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(extra);
            Optional<String> password = url.flatMap(DatabaseUrl::password);
            if (password.isPresent()) {
                passwordFile = Files.createTempFile("strata-pgpass", "", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, "*:*:*:*:" + password.get().replace("\\", "\\\\").replace(":", "\\:")
                        + "\n", StandardCharsets.UTF_8);
                builder.environment().put("PGPASSFILE", passwordFile.toString());
            }
            builder.environment().remove("PGPASSWORD");
            errors = Files.createTempFile("strata-pg", ".log");
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (mergeOutput) {
                builder.redirectErrorStream(true).redirectOutput(errors.toFile());
            } else {
                builder.redirectError(errors.toFile());
                builder.redirectOutput(stdout.map(p -> ProcessBuilder.Redirect.to(p.toFile()))
                        .orElse(ProcessBuilder.Redirect.DISCARD));
            }
            Process process = builder.start();
            int code = process.waitFor();
            String text = Files.readString(errors, StandardCharsets.UTF_8);
            return new Finished(code, password.map(p -> text.replace(p, "***")).orElse(text));
        } catch (IOException e) {
            throw new BackupException("could not run " + Path.of(command.get(0)).getFileName() + ": " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while " + Path.of(command.get(0)).getFileName() + " was running",
                    e);
        } finally {
            deleteQuietly(passwordFile);
            deleteQuietly(errors);
        }
    }

    /** The lines a client program wrote that say what went wrong, without its name and "error:" prefix. */
    static String essence(String errors) {
        List<String> lines = new ArrayList<>();
        for (String line : errors.strip().split("\\R", -1)) {
            String text = line.replaceFirst("^(pg_dump|pg_restore|psql)(:[^:]*:\\d+)?: ", "")
                    .replaceFirst("^(error|fatal|FATAL|ERROR|detail|DETAIL): *", "").strip();
            if (!text.isEmpty() && !lines.contains(text)) {
                lines.add(text);
            }
        }
        return lines.isEmpty() ? "no message" : String.join("; ", lines.subList(0, Math.min(3, lines.size())));
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String param : query.split("&", -1)) {
                int equals = param.indexOf('=');
                if (equals > 0) {
                    params.put(param.substring(0, equals), decode(param.substring(equals + 1)));
                }
            }
        }
        return params;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** A value of a libpq connection string: single quotes, with backslash and quote escaped. */
    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Temporary files in the temp folder; the result of the program is what matters.
            }
        }
    }
}
