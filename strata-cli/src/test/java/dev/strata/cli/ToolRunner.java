package dev.strata.cli;

import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Applies a project's migrations the way its own tool runs them, through the engine's own shell:
 * {@code sqlite3} for SQLite, {@code psql} for PostgreSQL, and the real wrangler for D1. Strata is
 * not involved, so what this leaves is the reference strata's result is compared with.
 */
final class ToolRunner {

    /** The wrangler that {@code npm ci} installs in strata-core's test folder. */
    static final Path WRANGLER = Path.of(
                    "..", "strata-core", "src", "test", "wrangler", "node_modules", ".bin", "wrangler")
            .toAbsolutePath()
            .normalize();

    private ToolRunner() {}

    /** A file the tool could not run: the reference itself fails, which says something about the corpus. */
    static final class ToolFailed extends RuntimeException {
        ToolFailed(String message) {
            super(message);
        }
    }

    /**
     * Runs every migration of {@code project} on the SQLite file {@code database}, or on the
     * PostgreSQL database {@code pgDatabase}, and returns the strata-style URL to read the result.
     */
    static String apply(CorpusProject project, Path projectDir, Path database, String pgDatabase)
            throws IOException, InterruptedException {
        Path folder = projectDir.resolve(project.migrations());
        if (project.tool() == Tool.WRANGLER) {
            return "sqlite:" + wrangler(projectDir);
        }
        if (project.tool() == Tool.GOLANG_MIGRATE && project.postgres()) {
            // golang-migrate creates its history table before the first file, and files may use it.
            psql(
                    pgDatabase,
                    "CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY,"
                            + " dirty boolean NOT NULL)");
        }
        if (project.tool() == Tool.DBMATE && project.postgres()) {
            // dbmate creates its history table before the first file, as golang-migrate does.
            psql(pgDatabase, "CREATE TABLE IF NOT EXISTS public.schema_migrations (version varchar(128) PRIMARY KEY)");
        }
        for (Tool.Step step : project.tool().steps(folder, !project.postgres())) {
            if (project.postgres()) {
                psql(pgDatabase, step);
            } else {
                sqlite(database, step, project.tool().sqliteForeignKeys());
            }
        }
        return project.postgres()
                ? "postgres://postgres@localhost:" + PostgresServer.port() + "/" + pgDatabase
                : "sqlite:" + database;
    }

    /**
     * Loads an SQL script into a new empty database, in one transaction, stopping at the first
     * error; returns the strata URL of that database ({@code database} is the SQLite file to use).
     */
    static String load(boolean postgres, Path script, Path database) throws IOException, InterruptedException {
        Tool.Step step = new Tool.Step(script, Tool.Mode.TRANSACTION);
        if (postgres) {
            String name = PostgresServer.newDatabase();
            psql(name, step);
            return "postgres://postgres@localhost:" + PostgresServer.port() + "/" + name;
        }
        sqlite(database, step, false);
        return "sqlite:" + database;
    }

    private static void sqlite(Path database, Tool.Step step, boolean foreignKeys)
            throws IOException, InterruptedException {
        String sql = step.sql();
        StringBuilder script = new StringBuilder();
        // PRAGMA foreign_keys is a no-op inside a transaction, so it comes first, as the tool's connection sets it.
        script.append(foreignKeys ? "PRAGMA foreign_keys = ON;\n" : "PRAGMA foreign_keys = OFF;\n");
        if (step.mode() == Tool.Mode.TRANSACTION) {
            script.append("BEGIN;\n").append(sql).append("\n;\nCOMMIT;\n");
        } else {
            script.append(sql).append("\n");
        }
        run(step, script.toString(), List.of("sqlite3", "-bail", database.toString()), Map.of());
    }

    private static void psql(String database, Tool.Step step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "localhost",
                "-p",
                String.valueOf(PostgresServer.port()),
                "-U",
                "postgres",
                "-d",
                database));
        String input = "";
        if (step.mode() == Tool.Mode.TRANSACTION) {
            command.addAll(List.of("-1", "-f", "-"));
            input = step.sql();
        } else if (step.mode() == Tool.Mode.AUTOCOMMIT) {
            command.addAll(List.of("-f", "-"));
            input = step.sql();
        } else {
            // One query string, as the tool's driver sends the file: the server runs it as one implicit
            // transaction unless the file commits on its own.
            command.addAll(List.of("-c", step.sql()));
        }
        run(step, input, command, Map.of("PGOPTIONS", "--client-min-messages=warning"));
    }

    private static void psql(String database, String sql) throws IOException, InterruptedException {
        run(
                new Tool.Step(Path.of("setup"), Tool.Mode.ONE_QUERY),
                "",
                List.of(
                        "psql",
                        "-X",
                        "-q",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "localhost",
                        "-p",
                        String.valueOf(PostgresServer.port()),
                        "-U",
                        "postgres",
                        "-d",
                        database,
                        "-c",
                        sql),
                Map.of());
    }

    private static void run(Tool.Step step, String input, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new ToolFailed(command.get(0) + " did not finish on " + step.file());
        }
        if (process.exitValue() != 0) {
            throw new ToolFailed(command.get(0) + " failed on " + step.file() + ": " + output.strip());
        }
    }

    /** {@code wrangler d1 migrations apply} on the local database of the project's first D1 binding. */
    private static Path wrangler(Path projectDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(WRANGLER)) {
            throw new ToolFailed("wrangler is not installed: run 'npm ci' in strata-core/src/test/wrangler");
        }
        String config = Stream.of("wrangler.toml", "wrangler.json", "wrangler.jsonc")
                .map(projectDir::resolve)
                .filter(Files::isRegularFile)
                .map(Tool::read)
                .findFirst()
                .orElseThrow(() -> new ToolFailed("no wrangler config in " + projectDir));
        java.util.regex.Matcher name = java.util.regex.Pattern.compile("\"?database_name\"?\\s*[:=]\\s*\"([^\"]+)\"")
                .matcher(config);
        if (!name.find()) {
            throw new ToolFailed("no database_name in the wrangler config of " + projectDir);
        }
        ProcessBuilder builder = new ProcessBuilder(
                        WRANGLER.toString(), "d1", "migrations", "apply", name.group(1), "--local")
                .directory(projectDir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("CI", "true", "WRANGLER_SEND_METRICS", "false", "NO_COLOR", "1"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new ToolFailed("wrangler d1 migrations apply failed: " + output.strip());
        }
        try (Stream<Path> files = Files.walk(projectDir.resolve(".wrangler"))) {
            // Miniflare keeps its own metadata.sqlite beside the database's file.
            return files.filter(f -> f.toString().endsWith(".sqlite") && !f.endsWith("metadata.sqlite"))
                    .findFirst()
                    .orElseThrow(() -> new ToolFailed("wrangler left no local database: " + output.strip()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
