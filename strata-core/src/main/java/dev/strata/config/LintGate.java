package dev.strata.config;

/** How the lint gate in front of {@code migrate} judges, when the caller says so above strata.toml. */
public enum LintGate {
    /** Refuse on an error finding (strata.toml's environment may still say {@code lint = "strict"}). */
    ON,
    /** Warnings refuse too. */
    STRICT,
    /** The pending migrations are not linted before they run; migrate says so. For callers that lint elsewhere. */
    OFF
}
