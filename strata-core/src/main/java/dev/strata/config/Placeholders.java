package dev.strata.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env.NAME}} in strata.toml values from the environment, so that secrets stay out
 * of the file. Only that exact form is replaced; any other {@code $} text is kept as written, since
 * it may well be part of a password.
 */
public final class Placeholders {

    private static final Pattern ENV = Pattern.compile("\\$\\{env\\.([A-Za-z_][A-Za-z0-9_]*)}");

    private Placeholders() {}

    /**
     * @param usedBy the setting holding {@code value}, for the message, e.g. {@code [environments.prod] url}
     * @throws ConfigurationException naming the variable (never a value) when one is not set
     */
    static String resolve(String value, String usedBy, Map<String, String> environment) {
        return resolve(value, StrataConfig.CONFIG_FILE, usedBy, environment);
    }

    /** The first variable that {@code value} names and {@code environment} does not set, if any. */
    static Optional<String> unsetVariable(String value, Map<String, String> environment) {
        // A variable set to nothing counts as unset, as a CI job without the secret leaves it.
        return ENV.matcher(value)
                .results()
                .map(match -> match.group(1))
                .filter(name ->
                        environment.get(name) == null || environment.get(name).isBlank())
                .findFirst();
    }

    /**
     * The same for a setting of another file (a fleet file's {@code url}).
     *
     * @param file where the setting is, as the message names it ({@code fleet.toml:4})
     */
    public static String resolve(String value, String file, String usedBy, Map<String, String> environment) {
        return ENV.matcher(value).replaceAll(match -> {
            String replacement = environment.get(match.group(1));
            if (replacement == null) {
                throw new ConfigurationException(file + ": environment variable " + match.group(1)
                        + " is not set (used by " + usedBy + "); set it or change the setting");
            }
            return Matcher.quoteReplacement(replacement);
        });
    }
}
