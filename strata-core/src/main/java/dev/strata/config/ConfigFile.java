package dev.strata.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * strata.toml as written: keys checked, types checked, {@code ${env.VAR}} not yet resolved (only
 * the settings actually used are resolved, so a variable needed by another environment need not be
 * set).
 *
 * @param defaultEnvironment  top-level {@code environment}
 * @param migrationsDir       {@code [migrations] dir}
 * @param historyTable        {@code [migrations] table}
 * @param schema              {@code [migrations] schema}
 * @param shadowUrl           {@code [migrations] shadow_url}
 * @param history             {@code [migrations] history}
 * @param environments        {@code [environments.NAME]} tables, in file order
 * @param target              {@code [migrations] target}
 * @param lint                {@code [lint]}: rule id to {@code error}, {@code warning}, {@code info} or {@code off}
 * @param locks               {@code [migrations] lock_timeout, statement_timeout, lock_retries} over the defaults
 * @param singleTransaction   {@code [migrations] single_transaction}
 * @param logPath             {@code [log] path}
 * @param logEnabled          {@code [log] enabled}
 */
// The Javadoc names TOML keys (environment), not parameters, which the check takes for misspellings.
@SuppressWarnings("InvalidParam")
record ConfigFile(
        Optional<String> defaultEnvironment,
        Optional<String> migrationsDir,
        Optional<String> historyTable,
        Optional<String> schema,
        Optional<String> shadowUrl,
        Optional<String> history,
        Map<String, Environment> environments,
        Optional<String> target,
        Map<String, String> lint,
        LockSettings locks,
        Optional<Boolean> singleTransaction,
        Optional<String> logPath,
        Optional<Boolean> logEnabled) {

    /** Made on first use: a project without strata.toml never pays for loading the TOML parser. */
    private static final class Toml {
        static final TomlMapper MAPPER = new TomlMapper();
    }

    private static final String FILE = StrataConfig.CONFIG_FILE;

    /**
     * One {@code [environments.NAME]} table.
     *
     * @param lint           {@code lint = "strict"} or {@code "default"}
     * @param wranglerOrigin for an environment of the wrangler config: the file and what it gives, for messages
     * @param locks          the table's lock settings over those of {@code [migrations]}
     * @param singleTransaction {@code single_transaction}, above {@code [migrations]}'s
     */
    record Environment(
            String name,
            Optional<String> url,
            Optional<String> schema,
            EnvironmentSettings settings,
            Optional<String> shadowUrl,
            Optional<String> lint,
            Optional<String> wranglerOrigin,
            LockSettings locks,
            Optional<Boolean> singleTransaction) {

        Environment(
                String name,
                Optional<String> url,
                Optional<String> schema,
                EnvironmentSettings settings,
                Optional<String> shadowUrl,
                Optional<String> lint) {
            this(
                    name,
                    url,
                    schema,
                    settings,
                    shadowUrl,
                    lint,
                    Optional.empty(),
                    LockSettings.DEFAULT,
                    Optional.empty());
        }

        /** {@code [environments.NAME]}, as written in the file. */
        String table() {
            return tableOf(name);
        }

        static String tableOf(String name) {
            return "[" + ConfigKeys.ENVIRONMENTS + "." + name + "]";
        }
    }

    ConfigFile {
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        lint = Collections.unmodifiableMap(new LinkedHashMap<>(lint));
    }

    /** The values {@code [lint]} accepts for a rule. */
    static final List<String> LINT_LEVELS = List.of("error", "warning", "info", "off");
    /** The values an environment's {@code lint} accepts. */
    static final List<String> LINT_MODES = List.of("default", "strict");
    /** The values {@code [migrations] target} accepts. */
    static final List<String> TARGETS = List.of("sqlite", "d1", "postgres");

    /**
     * strata.toml in {@code projectDir}, when there is one, with the environments of the wrangler
     * config ({@link WranglerEnvironments}) when strata.toml names no database itself: then an
     * {@code [environments.NAME]} table without url adds its settings (requires, confirm, backup...)
     * to the wrangler environment NAME. Without strata.toml, the wrangler environments alone.
     */
    static Optional<ConfigFile> read(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        Optional<ConfigFile> parsed = Files.exists(file) ? Optional.of(parseOnly(readText(file))) : Optional.empty();
        if (parsed.isEmpty()
                || parsed.get().environments().values().stream()
                        .allMatch(e -> e.url().isEmpty())) {
            Optional<WranglerConfig> config = wranglerConfig(projectDir);
            Map<String, String> wrangler = config.map(WranglerEnvironments::of).orElse(Map.of());
            if (!wrangler.isEmpty()) {
                parsed = Optional.of(
                        parsed.orElse(NONE).withWrangler(config.get().fileName(), wrangler));
            }
        }
        parsed.ifPresent(toml -> EnvironmentSettingsReader.checkRequirements(toml.environments()));
        return parsed;
    }

    /** No strata.toml: every setting unset. */
    static final ConfigFile NONE = new ConfigFile(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            Map.of(),
            LockSettings.DEFAULT,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** A wrangler config that can't be read gives no environments here; a d1: URL that needs it says why. */
    private static Optional<WranglerConfig> wranglerConfig(Path projectDir) {
        try {
            return WranglerConfig.find(projectDir);
        } catch (ConfigurationException e) {
            return Optional.empty();
        }
    }

    /** The wrangler environments in their order, each with the settings of strata.toml's table of its name. */
    private ConfigFile withWrangler(String wranglerFile, Map<String, String> wrangler) {
        Map<String, Environment> merged = new LinkedHashMap<>();
        wrangler.forEach((name, url) -> {
            Environment own = environments.get(name);
            Optional<String> origin = Optional.of(wranglerFile + " (environment '" + name + "' is " + url + ")");
            merged.put(
                    name,
                    own == null
                            ? new Environment(
                                    name,
                                    Optional.of(url),
                                    Optional.empty(),
                                    EnvironmentSettings.NONE,
                                    Optional.empty(),
                                    Optional.empty(),
                                    origin,
                                    locks,
                                    Optional.empty())
                            : new Environment(
                                    name,
                                    Optional.of(url),
                                    own.schema(),
                                    own.settings(),
                                    own.shadowUrl(),
                                    own.lint(),
                                    origin,
                                    own.locks(),
                                    own.singleTransaction()));
        });
        // A table that names no wrangler environment stays, without url: choosing it says so.
        environments.forEach(merged::putIfAbsent);
        return new ConfigFile(
                defaultEnvironment,
                migrationsDir,
                historyTable,
                schema,
                shadowUrl,
                history,
                merged,
                target,
                lint,
                locks,
                singleTransaction,
                logPath,
                logEnabled);
    }

    /** Parses the text of a strata.toml. */
    static ConfigFile parse(String text) {
        ConfigFile parsed = parseOnly(text);
        EnvironmentSettingsReader.checkRequirements(parsed.environments());
        return parsed;
    }

    private static ConfigFile parseOnly(String text) {
        JsonNode tree;
        try {
            tree = Toml.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // Only the parser's own words and position: never the exception, whose text may quote the file.
            JsonLocation at = e.getLocation();
            String where =
                    at == null || at.getLineNr() < 1 ? FILE : FILE + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigurationException(where + ": " + e.getOriginalMessage() + " (TOML syntax)");
        }
        ObjectNode root = tree instanceof ObjectNode o ? o : Toml.MAPPER.createObjectNode();
        checkKeys(root, ConfigKeys.TOP_LEVEL, "at the top level");
        ObjectNode migrations = table(root, ConfigKeys.MIGRATIONS, "[" + ConfigKeys.MIGRATIONS + "]");
        checkKeys(migrations, ConfigKeys.MIGRATIONS_TABLE, "in [" + ConfigKeys.MIGRATIONS + "]");

        LockSettings locks =
                LockSettingsReader.read(migrations, "[" + ConfigKeys.MIGRATIONS + "]", LockSettings.DEFAULT);
        Map<String, Environment> environments = new LinkedHashMap<>();
        ObjectNode envs = table(root, ConfigKeys.ENVIRONMENTS, "[" + ConfigKeys.ENVIRONMENTS + "]");
        for (Map.Entry<String, JsonNode> e : envs.properties()) {
            String label = Environment.tableOf(e.getKey());
            ObjectNode env = table(envs, e.getKey(), label);
            checkKeys(env, ConfigKeys.ENVIRONMENT_TABLE, "in " + label);
            environments.put(
                    e.getKey(),
                    new Environment(
                            e.getKey(),
                            string(env, ConfigKeys.URL, label),
                            string(env, ConfigKeys.SCHEMA, label),
                            EnvironmentSettingsReader.read(env, label),
                            string(env, ConfigKeys.SHADOW_URL, label),
                            oneOf(env, ConfigKeys.LINT, label, LINT_MODES),
                            Optional.empty(),
                            LockSettingsReader.read(env, label, locks),
                            bool(env, ConfigKeys.SINGLE_TRANSACTION, label)));
        }
        String section = "[" + ConfigKeys.MIGRATIONS + "]";
        String logSection = "[" + ConfigKeys.LOG + "]";
        ObjectNode log = table(root, ConfigKeys.LOG, logSection);
        checkKeys(log, ConfigKeys.LOG_TABLE, "in " + logSection);
        return new ConfigFile(
                string(root, ConfigKeys.ENVIRONMENT, ""),
                string(migrations, ConfigKeys.DIR, section),
                string(migrations, ConfigKeys.TABLE, section),
                string(migrations, ConfigKeys.SCHEMA, section),
                string(migrations, ConfigKeys.SHADOW_URL, section),
                string(migrations, ConfigKeys.HISTORY, section),
                environments,
                oneOf(migrations, ConfigKeys.TARGET, section, TARGETS),
                lint(root),
                locks,
                bool(migrations, ConfigKeys.SINGLE_TRANSACTION, section),
                string(log, ConfigKeys.LOG_PATH, logSection),
                bool(log, ConfigKeys.LOG_ENABLED, logSection));
    }

    /**
     * {@code [lint]}: every value must be a level; whether each key names a rule is checked by the
     * linter, which knows the rules.
     */
    private static Map<String, String> lint(ObjectNode root) {
        String label = "[" + ConfigKeys.LINT + "]";
        ObjectNode table = table(root, ConfigKeys.LINT, label);
        Map<String, String> levels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : table.properties()) {
            if (property.getKey().equals(ConfigKeys.LINT_SINCE)) {
                levels.put(
                        ConfigKeys.LINT_SINCE,
                        string(table, ConfigKeys.LINT_SINCE, label).orElseThrow());
                continue;
            }
            levels.put(
                    property.getKey(),
                    oneOf(table, property.getKey(), label, LINT_LEVELS).orElseThrow());
        }
        return levels;
    }

    /** A string setting that must be one of {@code allowed} (compared without regard to case). */
    private static Optional<String> oneOf(ObjectNode table, String key, String label, List<String> allowed) {
        Optional<String> value = string(table, key, label);
        if (value.isPresent() && !allowed.contains(value.get().toLowerCase(java.util.Locale.ROOT))) {
            String setting = label.isEmpty() ? key : label + " " + key;
            throw new ConfigurationException(
                    FILE + ": " + setting + " = \"" + value.get() + "\" is not one of: " + String.join(", ", allowed));
        }
        return value.map(v -> v.toLowerCase(java.util.Locale.ROOT));
    }

    private static void checkKeys(ObjectNode table, List<String> known, String where) {
        for (Map.Entry<String, JsonNode> property : table.properties()) {
            String key = property.getKey();
            if (!known.contains(key) && ConfigKeys.ENVIRONMENT_ONLY.contains(key)) {
                throw new ConfigurationException(FILE + ": '" + key + "' " + where + " is a setting of one"
                        + " environment; move it into an [" + ConfigKeys.ENVIRONMENTS + ".NAME] table");
            }
            if (!known.contains(key) && !ConfigKeys.RESERVED.contains(key)) {
                throw new ConfigurationException(
                        FILE + ": unknown key '" + key + "' " + where + "; known keys: " + String.join(", ", known));
            }
        }
    }

    /** The sub-table {@code key}, or an empty one when absent. */
    private static ObjectNode table(ObjectNode parent, String key, String label) {
        JsonNode node = parent.get(key);
        if (node == null) {
            return Toml.MAPPER.createObjectNode();
        }
        if (node instanceof ObjectNode o) {
            return o;
        }
        throw new ConfigurationException(
                FILE + ": " + label + " must be a table (a [section] or { ... }); found " + describe(node));
    }

    /** A true/false setting, written without quotes. */
    private static Optional<Boolean> bool(ObjectNode table, String key, String label) {
        JsonNode node = table.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new ConfigurationException(FILE + ": " + label + " " + key + " must be true or false, without"
                    + " quotes, e.g. " + key + " = true; found " + describe(node));
        }
        return Optional.of(node.booleanValue());
    }

    private static Optional<String> string(ObjectNode table, String key, String label) {
        JsonNode node = table.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            String setting = label.isEmpty() ? key : label + " " + key;
            throw new ConfigurationException(FILE + ": " + setting + " must be a string in quotes, e.g. " + key
                    + " = \"...\"; found " + describe(node));
        }
        return Optional.of(node.textValue());
    }

    static String describe(JsonNode node) {
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true/false";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a table" : "a string";
    }

    private static String readText(Path file) {
        // A pipe or device would block or never end; only a plain file is read.
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException(FILE + ": is not a plain file (a folder, named pipe or device);"
                    + " replace it with a text file, or remove it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(FILE + ": cannot read it (permission denied)");
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new ConfigurationException(
                    FILE + ": cannot read it (" + reason + "); check that it is a readable" + " file");
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(FILE + ": not valid UTF-8; save the file as UTF-8");
        }
    }
}
