package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.config.EnvironmentSettings.BackupPolicy;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and checks the operational keys of an {@code [environments.NAME]} table ({@code requires},
 * {@code confirm}, {@code backup}, {@code keep}, {@code seeds}, {@code protected}), each with its own message, so that
 * a mistake is reported when strata.toml is loaded rather than half-way through a deployment.
 */
final class EnvironmentSettingsReader {

    private static final String FILE = StrataConfig.CONFIG_FILE;

    private EnvironmentSettingsReader() {}

    /** The settings of one environment table; {@code label} is {@code [environments.NAME]}. */
    static EnvironmentSettings read(ObjectNode table, String label) {
        return new EnvironmentSettings(
                requires(table, label),
                confirm(table, label),
                backup(table, label),
                keep(table, label),
                seeds(table, label),
                flag(table, ConfigKeys.PROTECTED, label));
    }

    /**
     * Checks that every {@code requires} names another environment of the file and that following
     * them never comes back to where it started (prod requires staging requires prod can't be met).
     */
    static void checkRequirements(Map<String, ConfigFile.Environment> environments) {
        for (ConfigFile.Environment env : environments.values()) {
            Optional<String> required = env.settings().requires();
            if (required.isEmpty()) {
                continue;
            }
            String name = required.get();
            if (name.equals(env.name())) {
                throw new ConfigurationException(FILE + ": " + env.table() + " requires = \"" + name + "\" names the"
                        + " environment itself; name the environment migrations must reach first, e.g. requires ="
                        + " \"staging\"");
            }
            if (!environments.containsKey(name)) {
                throw new ConfigurationException(
                        FILE + ": " + env.table() + " requires = \"" + name + "\", but no" + " environment '" + name
                                + "' is defined; defined: " + String.join(", ", environments.keySet()));
            }
            Set<String> chain = new LinkedHashSet<>(List.of(env.name()));
            String next = name;
            while (next != null && chain.add(next)) {
                next = environments.get(next).settings().requires().orElse(null);
            }
            if (next != null) {
                throw new ConfigurationException(FILE + ": the requires settings go round in a circle ("
                        + String.join(" requires ", chain) + " requires " + next + "), so no migration could ever"
                        + " run; remove one of them");
            }
        }
    }

    private static Optional<String> requires(ObjectNode table, String label) {
        JsonNode node = table.get(ConfigKeys.REQUIRES);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new ConfigurationException(FILE + ": " + label + " requires must name one environment in quotes,"
                    + " e.g. requires = \"staging\"; found " + ConfigFile.describe(node));
        }
        return Optional.of(node.textValue());
    }

    private static boolean confirm(ObjectNode table, String label) {
        return flag(table, ConfigKeys.CONFIRM, label);
    }

    /** A true/false key; absent means false. */
    private static boolean flag(ObjectNode table, String key, String label) {
        JsonNode node = table.get(key);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ConfigurationException(FILE + ": " + label + " " + key + " must be true or false, without"
                    + " quotes; found " + ConfigFile.describe(node));
        }
        return node.booleanValue();
    }

    private static BackupPolicy backup(ObjectNode table, String label) {
        JsonNode node = table.get(ConfigKeys.BACKUP);
        if (node == null) {
            return BackupPolicy.NEVER;
        }
        String words = Arrays.stream(BackupPolicy.values())
                .map(p -> "\"" + p.word() + "\"")
                .collect(Collectors.joining(" or "));
        if (node.isTextual()) {
            for (BackupPolicy policy : BackupPolicy.values()) {
                if (policy.word().equals(node.textValue())) {
                    return policy;
                }
            }
            throw new ConfigurationException(FILE + ": " + label + " backup = \"" + node.textValue() + "\" is not a"
                    + " backup policy; use " + words);
        }
        throw new ConfigurationException(
                FILE + ": " + label + " backup must be " + words + "; found " + ConfigFile.describe(node));
    }

    private static OptionalInt keep(ObjectNode table, String label) {
        JsonNode node = table.get(ConfigKeys.KEEP);
        if (node == null) {
            return OptionalInt.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new ConfigurationException(FILE + ": " + label + " keep must be a whole number of backups, 1 or"
                    + " more, without quotes (e.g. keep = 5); found "
                    + (node.isNumber() ? node.asText() : ConfigFile.describe(node)));
        }
        return OptionalInt.of(node.intValue());
    }

    private static List<String> seeds(ObjectNode table, String label) {
        JsonNode node = table.get(ConfigKeys.SEEDS);
        if (node == null) {
            return List.of();
        }
        String example = " e.g. seeds = [\"dev-users.sql\"]";
        if (!node.isArray()) {
            throw new ConfigurationException(FILE + ": " + label + " seeds must be a list of files of the seeds"
                    + " folder," + example + "; found " + ConfigFile.describe(node));
        }
        List<String> files = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new ConfigurationException(FILE + ": " + label + " seeds must hold file names in quotes,"
                        + example + "; found " + ConfigFile.describe(item) + " in the list");
            }
            String file = item.textValue();
            checkSeedFile(file, label);
            if (files.contains(file)) {
                throw new ConfigurationException(
                        FILE + ": " + label + " seeds lists \"" + file + "\" twice; list" + " each file once");
            }
            files.add(file);
        }
        return files;
    }

    /** A seed is a .sql file inside the seeds folder: no absolute path, no way out with '..'. */
    private static void checkSeedFile(String file, String label) {
        String problem = null;
        try {
            Path path = Path.of(file);
            if (file.isBlank()) {
                problem = "is empty";
            } else if (path.isAbsolute() || file.startsWith("/") || file.startsWith("\\")) {
                problem = "is an absolute path; name a file inside the seeds folder";
            } else if (file.replace('\\', '/').contains("../")
                    || file.equals("..")
                    || file.replace('\\', '/').startsWith("..")) {
                problem = "leads out of the seeds folder; name a file inside it";
            } else if (!file.endsWith(".sql")) {
                problem = "is not a .sql file";
            }
        } catch (InvalidPathException e) {
            problem = "is not a valid file name (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new ConfigurationException(FILE + ": " + label + " seeds: \"" + file + "\" " + problem);
        }
    }
}
