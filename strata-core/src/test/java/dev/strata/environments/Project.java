package dev.strata.environments;

import dev.strata.Strata;
import dev.strata.testing.Jdbc;
import dev.strata.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A throwaway project folder with migrations and a strata.toml whose environments point at real
 * databases of one engine: SQLite files in the folder, or fresh databases on the embedded PostgreSQL
 * server (their URLs passed through variables, as a deployment would).
 */
final class Project {

    enum Engine {
        SQLITE,
        POSTGRES
    }

    final Path dir;
    final Engine engine;
    final Map<String, String> variables = new HashMap<>();
    private final Map<String, String> urls = new HashMap<>();

    Project(Path dir, Engine engine) {
        this.dir = dir;
        this.engine = engine;
    }

    /** A new database for {@code environment}; returns what to write as its url in strata.toml. */
    String database(String environment) {
        String url = engine == Engine.SQLITE ? "sqlite:" + environment + ".db" : PostgresServer.newDatabaseUrl();
        urls.put(environment, engine == Engine.SQLITE ? "sqlite:" + dir.resolve(environment + ".db") : url);
        String variable = environment.toUpperCase() + "_URL";
        variables.put(variable, url);
        return "${env." + variable + "}";
    }

    /** The URL tests use behind strata's back. */
    String url(String environment) {
        return urls.get(environment);
    }

    Project migration(String name, String sql) {
        write("migrations/" + name, sql);
        return this;
    }

    Project toml(String text) {
        write("strata.toml", text);
        return this;
    }

    void write(String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Strata strata(String environment) {
        return Strata.configure()
                .projectDir(dir)
                .environmentVariables(variables)
                .environment(environment)
                .load();
    }

    /** Whether strata has created its history on that environment's database. */
    boolean hasHistory(String environment) {
        if (engine == Engine.SQLITE) {
            return Files.exists(dir.resolve(environment + ".db"))
                    && Jdbc.count(url(environment), "SELECT count(*) FROM sqlite_master WHERE name = 'strata_history'")
                            > 0;
        }
        return Jdbc.count(
                        url(environment),
                        "SELECT count(*) FROM information_schema.tables" + " WHERE table_name = 'strata_history'")
                > 0;
    }

    long count(String environment, String sql) {
        return Jdbc.count(url(environment), sql);
    }
}
