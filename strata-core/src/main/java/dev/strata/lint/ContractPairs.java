package dev.strata.lint;

import dev.strata.source.Version;
import dev.strata.sql.ContractOf;
import dev.strata.sql.SqlSplitter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the two halves of an expand/contract change ({@code strata alter --online}) as one change.
 * The contract half drops the old column (and may rename the new one and set it NOT NULL), which
 * alone would be an outage; after its expand, which added the new column, kept both in step and
 * filled it, and behind {@code migrate}'s guard (it runs only with {@code --contract}), it is the
 * planned end of the change. So in a contract whose expand comes earlier in the run, the findings
 * the pair accounts for are reported as info, saying why; a contract whose expand is nowhere before it
 * is an error of its own.
 *
 * <p>Not thread-safe: one per lint run, fed the sources in the order they run.
 */
final class ContractPairs {

    static final Rules.FileRule CONTRACT_WITHOUT_EXPAND = new Rules.FileRule(
            "contract-without-expand",
            Severity.ERROR,
            StatementRule.ALL,
            "a contract migration (-- strata:contract-of VERSION) whose expand migration does not come before it");

    /** What a contract does on purpose, once its expand has run. */
    private static final Set<String> PLANNED = Set.of("drop-column", "rename-column", "set-not-null");

    private final Set<String> seen = new HashSet<>();

    /**
     * Takes the next source of the run.
     *
     * @param linted whether it is reported on; a source that only teaches the schema is not read
     * @return the contract directive of {@code source} and whether its expand came before; empty when
     *         {@code source} is no contract
     */
    Optional<Contract> next(SqlSplitter splitter, LintSource source, boolean linted) {
        Optional<Contract> contract = (linted
                        ? ContractOf.read(splitter, source.file(), source.text())
                        : Optional.<ContractOf>empty())
                .map(c -> new Contract(
                        c, seen.contains(Version.parse(c.expandVersion()).id())));
        source.version().ifPresent(v -> seen.add(v.id()));
        return contract;
    }

    /** A contract file and whether its pair is complete. */
    record Contract(ContractOf directive, boolean paired) {

        /** {@code finding} as the pair judges it. */
        Finding judge(Finding finding) {
            if (!paired || !PLANNED.contains(finding.rule()) || finding.severity() == Severity.INFO) {
                return finding;
            }
            return finding.judged(
                    Severity.INFO,
                    "This is the contract half of the expand/contract change whose expand is migration "
                            + directive.expandVersion() + ", which added the new column and kept it in step; strata"
                            + " migrate holds the contract back until it is run with --contract.");
        }

        /** The finding for a contract without its expand, if {@code source} is one. */
        List<Finding> problems(LintSource source) {
            if (paired) {
                return List.of();
            }
            return List.of(new Finding(
                    CONTRACT_WITHOUT_EXPAND.id(),
                    CONTRACT_WITHOUT_EXPAND.defaultSeverity(),
                    source.file(),
                    directive.line(),
                    1,
                    "this is the contract half of an expand/contract change (-- strata:contract-of "
                            + directive.expandVersion() + "), but migration " + directive.expandVersion()
                            + " does not come before it: nothing added the new column, kept it in step with the old"
                            + " one or filled it, so dropping the old column loses its data and breaks the running"
                            + " code.",
                    "Restore the expand migration " + directive.expandVersion() + " before this one, or correct the"
                            + " version in the directive; strata alter --online writes the two together."));
        }
    }
}
