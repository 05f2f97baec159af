package dev.strata.lint;

import java.util.Set;

/**
 * A lint rule: a stable id, a default severity, the engines it applies to and what it catches.
 * {@link Rules#all()} lists every rule; the catalog in the documentation follows that list.
 */
public interface Rule {

    /** Stable, kebab-case: used in output, in {@code -- strata:allow} and in strata.toml's [lint]. */
    String id();

    Severity defaultSeverity();

    /** The engines whose migrations the rule reads. */
    Set<LintTarget> targets();

    /** One sentence: what the rule catches. */
    String summary();
}
