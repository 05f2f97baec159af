package dev.strata.fleet;

import dev.strata.StrataException;
import dev.strata.config.ConfigLoader;
import dev.strata.config.ConfigOptions;
import dev.strata.config.ConfigurationException;
import dev.strata.config.DatabaseUrl;
import dev.strata.config.DatabaseUrls;
import dev.strata.config.Placeholders;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.HistorySettings;
import dev.strata.engine.MigrationListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the entries of a fleet file into databases, checking every one before anything runs: an
 * environment strata.toml does not define, a URL that does not parse, a glob that matches no file
 * and a schema pattern that matches no schema each stop the whole fleet with {@code FILE:LINE}, so
 * that a typo never shrinks a fleet silently. Relative paths are read from the project folder, as
 * strata.toml's are.
 */
final class FleetTargets {

    private FleetTargets() {}

    /**
     * @param options the run's settings; its URL and environment are ignored, each target names its own
     * @throws ConfigurationException for an entry that names no database, naming its {@code FILE:LINE}
     * @throws FleetException         when the schemas of a database can't be listed
     */
    static List<FleetTarget> expand(FleetFile file, ConfigOptions options) {
        ConfigOptions neutral = options.withUrl(null).withEnvironment(null);
        Path projectDir = neutral.projectDir().toAbsolutePath().normalize();
        Map<String, FleetTarget> byDatabase = new LinkedHashMap<>();
        for (FleetFile.Entry entry : file.entries()) {
            for (FleetTarget target : expand(entry, neutral, projectDir)) {
                String key = target.database().jdbcUrl();
                FleetTarget earlier = byDatabase.putIfAbsent(key, target);
                if (earlier != null) {
                    throw new ConfigurationException(
                            target.origin() + ": " + target.name() + " is the same database as " + earlier.name() + " ("
                                    + earlier.origin() + "); list each database once");
                }
            }
        }
        return List.copyOf(byDatabase.values());
    }

    private static List<FleetTarget> expand(FleetFile.Entry entry, ConfigOptions options, Path projectDir) {
        List<FleetTarget> bases = switch (entry.kind()) {
            case URL ->
                List.of(url(
                        Placeholders.resolve(entry.value(), entry.where(), "url", options.env()),
                        entry.where(),
                        projectDir,
                        options));
            case ENVIRONMENT -> List.of(environment(entry, options));
            case SQLITE_GLOB -> glob(entry, projectDir, options);
        };
        if (entry.schema().isEmpty()) {
            return bases;
        }
        return schemas(bases.get(0), entry);
    }

    private static FleetTarget url(String url, String where, Path projectDir, ConfigOptions options) {
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrls.parse(url, projectDir, options.env());
        } catch (ConfigurationException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
        return new FleetTarget(
                parsed.display(), where, Optional.empty(), Optional.of(url.strip()), Optional.empty(), parsed);
    }

    private static FleetTarget environment(FleetFile.Entry entry, ConfigOptions options) {
        String name = entry.value();
        List<String> defined;
        try {
            defined = ConfigLoader.environmentNames(options);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(entry.where() + ": env = \"" + name + "\": " + e.getMessage());
        }
        if (!defined.contains(name)) {
            throw new ConfigurationException(entry.where() + ": env = \"" + name + "\" is not an environment of "
                    + StrataConfig.CONFIG_FILE + "; defined: " + String.join(", ", defined));
        }
        StrataConfig config;
        try {
            config = ConfigLoader.load(options.withEnvironment(name));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(entry.where() + ": env = \"" + name + "\": " + e.getMessage());
        }
        return new FleetTarget(
                "env:" + name, entry.where(), Optional.of(name), Optional.empty(), Optional.empty(), config.url());
    }

    /** Every regular file the glob matches, in name order; at least one. */
    private static List<FleetTarget> glob(FleetFile.Entry entry, Path projectDir, ConfigOptions options) {
        String pattern = entry.value().replace('\\', '/');
        List<String> parts = List.of(pattern.split("/", -1));
        int fixed = 0;
        StringBuilder base = new StringBuilder(pattern.startsWith("/") ? "/" : "");
        while (fixed < parts.size() - 1 && !hasGlobCharacter(parts.get(fixed))) {
            base.append(parts.get(fixed)).append('/');
            fixed++;
        }
        Path root = projectDir.resolve(base.toString()).normalize();
        boolean deep = pattern.contains("**");
        int depth = deep ? Integer.MAX_VALUE : parts.size() - fixed;
        PathMatcher matcher = FileSystems.getDefault()
                .getPathMatcher("glob:"
                        + projectDir.resolve(pattern).normalize().toString().replace('\\', '/'));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root, depth)) {
                walk.filter(Files::isRegularFile)
                        .filter(path -> matcher.matches(path.toAbsolutePath().normalize()))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                throw new ConfigurationException(entry.where() + ": sqlite = \"" + entry.value() + "\": could not list"
                        + " the files under " + shown(projectDir, root) + "; check that the folder is readable");
            }
        }
        if (files.isEmpty()) {
            throw new ConfigurationException(entry.where() + ": sqlite = \"" + entry.value() + "\" matches no file"
                    + (Files.isDirectory(root) ? " in " : " (there is no folder ") + shown(projectDir, root)
                    + (Files.isDirectory(root) ? "" : ")") + "; paths are relative to the project folder, e.g."
                    + " sqlite = \"tenants/*.db\"");
        }
        List<FleetTarget> targets = new ArrayList<>();
        for (Path file : files) {
            targets.add(url("sqlite:" + shown(projectDir, file), entry.where(), projectDir, options));
        }
        return targets;
    }

    private static boolean hasGlobCharacter(String part) {
        return part.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    /** A path relative to the project folder when inside it, with forward slashes, as written in URLs. */
    private static String shown(Path projectDir, Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(projectDir) ? projectDir.relativize(absolute) : absolute;
        String text = shown.toString().replace('\\', '/');
        return text.isEmpty() ? "." : text;
    }

    /** One target per schema of {@code base}'s database that the entry's pattern matches; at least one. */
    private static List<FleetTarget> schemas(FleetTarget base, FleetFile.Entry entry) {
        String pattern = entry.schema().orElseThrow();
        if (base.database().engine() != DatabaseUrl.Engine.POSTGRES) {
            throw new ConfigurationException(entry.schemaWhere() + ": schema = \"" + pattern + "\" picks PostgreSQL"
                    + " schemas, but " + base.name() + " is not a PostgreSQL database; remove schema, or name a"
                    + " postgres:// database");
        }
        List<String> found = userSchemas(base, entry);
        Pattern matcher = schemaPattern(pattern);
        List<String> matched =
                found.stream().filter(s -> matcher.matcher(s).matches()).toList();
        if (matched.isEmpty()) {
            throw new ConfigurationException(entry.schemaWhere() + ": schema = \"" + pattern + "\" matches no schema"
                    + " of " + base.name() + "; it has " + (found.isEmpty() ? "none" : listed(found))
                    + ". Use * for any characters, e.g. schema = \"tenant_*\"");
        }
        List<FleetTarget> targets = new ArrayList<>();
        for (String schema : matched) {
            targets.add(new FleetTarget(
                    base.name() + "#" + schema,
                    entry.where(),
                    base.environment(),
                    base.url(),
                    Optional.of(schema),
                    base.database().inSchema(schema)));
        }
        return targets;
    }

    private static List<String> userSchemas(FleetTarget base, FleetFile.Entry entry) {
        Dialect dialect = Dialects.forUrl(base.database());
        try (Database database = dialect.open(
                base.database(),
                new HistorySettings(StrataConfig.DEFAULT_HISTORY_TABLE, Optional.empty()),
                Dialect.Access.READ,
                MigrationListener.SILENT)) {
            return database.userSchemas();
        } catch (ConfigurationException e) {
            throw e;
        } catch (StrataException e) {
            throw new FleetException(entry.schemaWhere() + ": could not list the schemas of " + base.name()
                    + " to match schema = \"" + entry.schema().orElseThrow() + "\": " + e.getMessage());
        }
    }

    /** {@code *} any characters, {@code ?} one; everything else literal. */
    static Pattern schemaPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            regex.append(
                    switch (c) {
                        case '*' -> ".*";
                        case '?' -> ".";
                        default -> Pattern.quote(String.valueOf(c));
                    });
        }
        return Pattern.compile(regex.toString());
    }

    private static String listed(List<String> names) {
        int shown = Math.min(names.size(), 10);
        return String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
    }
}
