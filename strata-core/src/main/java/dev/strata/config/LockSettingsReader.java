package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@code lock_timeout}, {@code statement_timeout} and {@code lock_retries} from one table of
 * strata.toml over what a wider table set, each with its own message, when the file is loaded.
 */
final class LockSettingsReader {

    private static final String FILE = StrataConfig.CONFIG_FILE;
    /** More tries than this only hides a session that never lets go. */
    static final int MAX_RETRIES = 100;

    private LockSettingsReader() {}

    /**
     * @param label {@code [migrations]} or {@code [environments.NAME]}
     * @param base  what applies where the table sets nothing
     */
    static LockSettings read(ObjectNode table, String label, LockSettings base) {
        return new LockSettings(
                timeout(table, ConfigKeys.LOCK_TIMEOUT, label).orElse(base.lockTimeout()),
                timeout(table, ConfigKeys.STATEMENT_TIMEOUT, label).orElse(base.statementTimeout()),
                retries(table, label).orElse(base.retries()));
    }

    /** Empty when the key is absent; {@code Optional.of(Optional.empty())} for "off". */
    private static Optional<Optional<Duration>> timeout(ObjectNode table, String key, String label) {
        JsonNode node = table.get(key);
        if (node == null) {
            return Optional.empty();
        }
        String setting = label + " " + key;
        if (!node.isTextual()) {
            throw new ConfigurationException(FILE + ": " + setting + " must be a duration in quotes, "
                    + Durations.FORM + ", or \"off\"; found " + ConfigFile.describe(node)
                    + (node.isNumber() ? " (write the unit, e.g. " + key + " = \"5s\")" : ""));
        }
        String text = node.textValue().strip();
        if (text.equalsIgnoreCase("off")) {
            return Optional.of(Optional.empty());
        }
        Optional<Duration> duration = Durations.parse(text);
        if (duration.isEmpty()) {
            throw new ConfigurationException(FILE + ": " + setting + " = \"" + node.textValue() + "\" is not a"
                    + " duration; write " + Durations.FORM + ", or \"off\"");
        }
        if (duration.get().isZero()) {
            throw new ConfigurationException(FILE + ": " + setting + " = \"" + node.textValue() + "\": write \"off\""
                    + " for no limit (PostgreSQL reads 0 as no limit, which a zero here would hide)");
        }
        if (duration.get().toMillis() > Integer.MAX_VALUE) {
            throw new ConfigurationException(FILE + ": " + setting + " = \"" + node.textValue() + "\" is longer than"
                    + " PostgreSQL accepts (about 24 days); write \"off\" for no limit");
        }
        return Optional.of(duration);
    }

    private static Optional<Integer> retries(ObjectNode table, String label) {
        JsonNode node = table.get(ConfigKeys.LOCK_RETRIES);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.intValue() < 0
                || node.intValue() > MAX_RETRIES) {
            throw new ConfigurationException(FILE + ": " + label + " " + ConfigKeys.LOCK_RETRIES + " must be a whole"
                    + " number from 0 (never try again) to " + MAX_RETRIES + ", without quotes (e.g. "
                    + ConfigKeys.LOCK_RETRIES + " = 3); found "
                    + (node.isNumber() ? node.asText() : ConfigFile.describe(node)));
        }
        return Optional.of(node.intValue());
    }
}
