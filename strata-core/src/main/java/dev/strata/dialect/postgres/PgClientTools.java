package dev.strata.dialect.postgres;

import dev.strata.backup.BackupException;
import dev.strata.config.DatabaseUrl;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * a command line (where other users could see it), on disk, nor in anything printed. Each runs under
 * a {@link Lifeline}, so it dies with strata.
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
        Finished finished =
                run(List.of(program.toString(), "--version"), Optional.empty(), Optional.empty(), Map.of(), true);
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
        Optional.ofNullable(params.get("sslmode"))
                .or(() -> "true".equals(params.get("ssl")) ? Optional.of("require") : Optional.empty())
                .ifPresent(mode -> parts.add("sslmode=" + quote(mode)));
        parts.add("application_name=strata");
        return String.join(" ", parts);
    }

    /**
     * Runs a client program and waits for it.
     *
     * @param url           when present, its password is handed over in the program's environment
     * @param stdout        where the program's output goes; empty discards it
     * @param extra         more environment variables for the program
     * @param mergeOutput   true to read stdout together with stderr (for --version)
     */
    Finished run(
            List<String> command,
            Optional<DatabaseUrl> url,
            Optional<Path> stdout,
            Map<String, String> extra,
            boolean mergeOutput) {
        List<String> wrapped = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                Lifeline.script(Lifeline.PROGRAM),
                "strata-" + Path.of(command.get(0)).getFileName()));
        wrapped.addAll(command);
        return start(wrapped, Path.of(command.get(0)).getFileName().toString(), url, stdout, extra, mergeOutput);
    }

    /**
     * Runs {@code pg_restore --file=- archive} into {@code consumer} (psql) through a pipe, so the
     * SQL, which holds every row of the backup, is never written to disk. {@code onSuccess} follows
     * the SQL only when pg_restore read the archive to its end, else {@code onFailure}: the consumer
     * must commit only on the former, and a pg_restore or a strata that dies part-way leaves it an
     * input without a commit, which the server rolls back.
     */
    Finished restoreThrough(
            Path pgRestore,
            Path archive,
            String onSuccess,
            String onFailure,
            List<String> consumer,
            DatabaseUrl url,
            Map<String, String> extra) {
        List<String> wrapped = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                Lifeline.script(Lifeline.RESTORE_PIPELINE),
                "strata-restore",
                pgRestore.toString(),
                archive.toString(),
                onSuccess,
                onFailure));
        wrapped.addAll(consumer);
        return start(wrapped, "pg_restore", Optional.of(url), Optional.empty(), extra, false);
    }

    private Finished start(
            List<String> command,
            String name,
            Optional<DatabaseUrl> url,
            Optional<Path> stdout,
            Map<String, String> extra,
            boolean mergeOutput) {
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().putAll(extra);
            builder.environment().remove("PGPASSWORD");
            Optional<String> password = url.flatMap(DatabaseUrl::password);
            // In the environment of the children only: never on disk, where a kill of strata would leave a
            // password file behind, and never on a command line, which every user of the machine can read.
            // A process's environment is readable only by its own user (and root).
            password.ifPresent(p -> builder.environment().put("PGPASSWORD", p));
            // The stdin pipe is the children's lifeline (see Lifeline); strata never writes to it.
            builder.redirectInput(ProcessBuilder.Redirect.PIPE);
            if (mergeOutput) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.PIPE);
                builder.redirectOutput(stdout.map(p -> ProcessBuilder.Redirect.to(p.toFile()))
                        .orElse(ProcessBuilder.Redirect.DISCARD));
            }
            process = builder.start();
            // Read on this thread: stdout goes to a file or nowhere, so only this stream can fill up.
            String text = new String(
                    (mergeOutput ? process.getInputStream() : process.getErrorStream()).readAllBytes(),
                    StandardCharsets.UTF_8);
            int code = process.waitFor();
            return new Finished(code, password.map(p -> text.replace(p, "***")).orElse(text));
        } catch (IOException e) {
            throw new BackupException("could not run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted while " + name + " was running", e);
        } finally {
            if (process != null) {
                // Closing the lifeline ends a child still running (after an interrupt or an I/O error).
                closeQuietly(process.getOutputStream());
            }
        }
    }

    /** The lines a client program wrote that say what went wrong, without its name and "error:" prefix. */
    static String essence(String errors) {
        List<String> lines = new ArrayList<>();
        for (String line : errors.strip().split("\\R", -1)) {
            String text = line.replaceFirst("^(pg_dump|pg_restore|psql)(:[^:]*:\\d+)?: ", "")
                    .replaceFirst("^(error|fatal|FATAL|ERROR|detail|DETAIL): *", "")
                    .strip();
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

    private static void closeQuietly(java.io.Closeable stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // The pipe to a child that has exited.
        }
    }
}
