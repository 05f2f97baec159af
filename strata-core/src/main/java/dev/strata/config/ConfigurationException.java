package dev.strata.config;

import dev.strata.StrataException;

/**
 * strata.toml, a URL or an option is wrong: nothing was run. The message names the setting (and
 * where it was read, file:line when known) and says what a valid value looks like.
 */
public final class ConfigurationException extends StrataException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
