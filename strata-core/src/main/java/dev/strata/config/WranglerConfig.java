package dev.strata.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The D1 part of a project's wrangler config ({@code wrangler.json}, {@code wrangler.jsonc} or
 * {@code wrangler.toml}): the top-level {@code d1_databases} and those of each {@code [env.NAME]}
 * block.
 *
 * <p>wrangler does not inherit {@code d1_databases} into an environment: an {@code [env.staging]}
 * block without its own {@code d1_databases} has no D1 database, and so it is here.
 *
 * @param file         the config file read
 * @param accountId    the top-level {@code account_id}, when the config names the account
 * @param databases    the top-level {@code d1_databases}, in file order
 * @param environments each {@code [env.NAME]} block's {@code d1_databases}, in file order
 */
public record WranglerConfig(
        Path file,
        Optional<String> accountId,
        List<WranglerD1Database> databases,
        Map<String, List<WranglerD1Database>> environments) {

    /** The config files wrangler reads, in the order it looks for them. */
    public static final List<String> FILE_NAMES = List.of("wrangler.json", "wrangler.jsonc", "wrangler.toml");

    /**
     * Made on first use: {@link #find} runs on every start, and a project without a wrangler config
     * must not pay for loading Jackson (about 500 classes, a third of the start-up's class loading).
     */
    private static final class Jsonc {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
    }

    public WranglerConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(accountId, "accountId");
        databases = List.copyOf(databases);
        Map<String, List<WranglerD1Database>> copy = new LinkedHashMap<>();
        environments.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        environments = Collections.unmodifiableMap(copy);
    }

    /**
     * @param projectDir the folder wrangler would run in
     * @return the config wrangler would read there, or empty when the folder has none
     * @throws ConfigurationException when the file is there but can't be read or parsed
     */
    public static Optional<WranglerConfig> find(Path projectDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        return FILE_NAMES.stream()
                .map(project::resolve)
                .filter(Files::isRegularFile)
                .findFirst()
                .map(WranglerConfig::read);
    }

    /**
     * @throws ConfigurationException when the file can't be read, is not valid TOML/JSONC, or a
     *                                d1_databases entry has no binding
     */
    public static WranglerConfig read(Path file) {
        JsonNode root = parse(file);
        String name = file.getFileName().toString();
        List<WranglerD1Database> top = databases(root.path("d1_databases"), name, "d1_databases");
        Map<String, List<WranglerD1Database>> environments = new LinkedHashMap<>();
        root.path("env")
                .properties()
                .forEach(env -> environments.put(
                        env.getKey(),
                        databases(env.getValue().path("d1_databases"), name, "env." + env.getKey() + ".d1_databases")));
        return new WranglerConfig(file.toAbsolutePath().normalize(), text(root, "account_id"), top, environments);
    }

    /** The folder the config file is in: where wrangler resolves {@code migrations_dir} against. */
    public Path directory() {
        return file.getParent();
    }

    /** The config file's name, for messages. */
    public String fileName() {
        return file.getFileName().toString();
    }

    /**
     * @param environment an {@code [env.NAME]} block, or empty for the top level
     * @return that level's D1 databases; empty when the environment is not declared
     */
    public List<WranglerD1Database> databases(Optional<String> environment) {
        return environment.map(env -> environments.getOrDefault(env, List.of())).orElse(databases);
    }

    /**
     * @param name        a binding or database_name
     * @param environment an {@code [env.NAME]} block, or empty for the top level
     * @return the database with that binding or database_name at that level
     */
    public Optional<WranglerD1Database> database(String name, Optional<String> environment) {
        return databases(environment).stream()
                .filter(database -> database.isNamed(name))
                .findFirst();
    }

    private static List<WranglerD1Database> databases(JsonNode entries, String fileName, String where) {
        List<WranglerD1Database> result = new ArrayList<>();
        for (JsonNode entry : entries) {
            String binding = text(entry, "binding")
                    .orElseThrow(() -> new ConfigurationException(fileName + ": "
                            + where + " entry " + result.size() + " has no binding; wrangler needs one for every D1"
                            + " database (e.g. binding = \"DB\")"));
            result.add(new WranglerD1Database(
                    binding,
                    text(entry, "database_name"),
                    text(entry, "database_id"),
                    text(entry, "preview_database_id"),
                    text(entry, "migrations_dir"),
                    text(entry, "migrations_table")));
        }
        return result;
    }

    private static JsonNode parse(Path file) {
        String name = file.getFileName().toString();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            JsonNode root = name.endsWith(".toml") ? new TomlMapper().readTree(text) : Jsonc.MAPPER.readTree(text);
            return root == null ? Jsonc.MAPPER.createObjectNode() : root;
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(name + ": can't be read (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ConfigurationException(name + ": can't be read (" + e.getMessage() + ")");
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank()
                ? Optional.of(value.textValue())
                : Optional.empty();
    }
}
