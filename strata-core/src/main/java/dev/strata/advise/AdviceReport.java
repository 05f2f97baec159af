package dev.strata.advise;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@code strata advise}.
 *
 * @param database  what was read, as named to people (password hidden)
 * @param findings  in table order, then by kind
 * @param usageSince when the index statistics behind {@code unused-index} start, as text, or null
 *                   when the engine keeps none
 */
public record AdviceReport(String database, List<Finding> findings, String usageSince) {

    public AdviceReport {
        Objects.requireNonNull(database, "database");
        findings = List.copyOf(findings);
    }

    public boolean ok() {
        return findings.isEmpty();
    }

    /** The findings {@code --write-migration} writes. */
    public List<Finding> automatic() {
        return findings.stream().filter(Finding::automatic).toList();
    }
}
