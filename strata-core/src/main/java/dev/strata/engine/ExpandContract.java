package dev.strata.engine;

import dev.strata.history.AppliedMigration;
import dev.strata.source.Migration;
import dev.strata.source.Version;
import dev.strata.sql.ContractOf;
import dev.strata.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expand/contract pairs of a migrations folder (a contract migration says {@code -- strata:contract-of
 * VERSION} of its expand), and the guard that keeps {@code migrate} from running both halves together.
 *
 * <p>Why a guard: {@code strata alter --online} writes both halves at once, so both sit in the folder
 * from the start, and a plain {@code migrate} would run the contract (which drops the old column)
 * right after the expand, while the running applications still use the old column: the very outage
 * the pair exists to avoid. The contract drops what old code needs, so only a person can say it is
 * time. The rule:
 *
 * <ul>
 *   <li>A contract runs only with {@code migrate --contract} (the person's word that every running
 *       application uses the new column), and only when its expand was applied by an earlier run.
 *   <li>Otherwise {@code migrate} applies every migration before the contract and holds back the
 *       contract and everything after it (their order matters), saying why and what to do; it does
 *       not fail, so a deployment that applies the expand goes on.
 *   <li>Exception: a database whose history was empty when the run began (a new one: a developer's,
 *       a test's) gets the whole folder, contracts included. No application can be using a column
 *       that does not exist yet.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class ExpandContract {

    private ExpandContract() {}

    /**
     * One pair.
     *
     * @param contract   the contract migration
     * @param expand     the version its directive names
     * @param expandFile the expand migration's file, when the folder has it
     */
    public record Pair(Migration contract, Version expand, Optional<Migration> expandFile) {}

    /** Where a pair stands on a database, as {@code status} shows it. */
    public enum PairState {
        /** Neither half is applied. */
        PENDING,
        /** The expand is applied, the contract is not: both columns exist and the trigger keeps them in step. */
        EXPANDED,
        /** Both are applied. */
        CONTRACTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A pair and where it stands. */
    public record PairStatus(Pair pair, PairState state) {}

    /**
     * The steps a run may apply, and why the rest are held back.
     *
     * @param steps    the steps before the first held-back contract
     * @param heldBack the message for the user; empty when nothing is held back
     */
    record Guarded(List<PlannedMigration> steps, Optional<String> heldBack) {}

    /** Every contract migration of the folder with the expand it names. */
    public static List<Pair> pairs(List<Migration> files, SqlSplitter splitter) {
        Map<String, Migration> byId = new LinkedHashMap<>();
        files.forEach(file -> byId.putIfAbsent(file.version().id(), file));
        List<Pair> pairs = new ArrayList<>();
        for (Migration file : files) {
            Optional<ContractOf> contractOf = ContractOf.read(splitter, file.upSource(), file.upSql());
            if (contractOf.isPresent()) {
                Version expand = Version.parse(contractOf.get().expandVersion());
                pairs.add(new Pair(file, expand, Optional.ofNullable(byId.get(expand.id()))));
            }
        }
        return pairs;
    }

    /** Each pair with its state on a database whose history is {@code history}. */
    public static List<PairStatus> states(List<Pair> pairs, List<AppliedMigration> history) {
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        return pairs.stream()
                .map(pair -> new PairStatus(pair, stateOf(pair, applied)))
                .toList();
    }

    private static PairState stateOf(Pair pair, Map<String, AppliedMigration> applied) {
        if (succeeded(applied, pair.contract().version())) {
            return PairState.CONTRACTED;
        }
        return succeeded(applied, pair.expand()) ? PairState.EXPANDED : PairState.PENDING;
    }

    private static boolean succeeded(Map<String, AppliedMigration> applied, Version version) {
        AppliedMigration row = applied.get(version.id());
        return row != null && row.success();
    }

    /** A contract whose expand is neither in the folder nor in the history: refused while planning. */
    static List<String> problems(List<Pair> pairs, List<AppliedMigration> history) {
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        return pairs.stream()
                .filter(pair -> pair.expandFile().isEmpty()
                        && !applied.containsKey(pair.expand().id()))
                .filter(pair -> !applied.containsKey(pair.contract().version().id()))
                .map(pair -> pair.contract().upSource() + ": '-- strata:" + ContractOf.DIRECTIVE + " "
                        + pair.expand().text() + "' names the expand migration "
                        + pair.expand().text()
                        + ", which is neither in the folder nor applied. Restore the expand migration, or correct"
                        + " the version in the directive.")
                .toList();
    }

    /**
     * The guard of {@code migrate}: the steps up to the first contract that may not run yet.
     *
     * @param history   the history as the run found it, before it applied anything
     * @param confirmed whether the run was given {@code --contract}
     */
    static Guarded guard(
            List<PlannedMigration> steps, List<Pair> pairs, List<AppliedMigration> history, boolean confirmed) {
        if (pairs.isEmpty()) {
            return new Guarded(steps, Optional.empty());
        }
        Map<String, AppliedMigration> applied = MigrationStates.byId(history);
        boolean newDatabase = history.stream().noneMatch(AppliedMigration::success);
        for (int i = 0; i < steps.size(); i++) {
            Migration migration = steps.get(i).migration();
            Optional<Pair> pair = pairs.stream()
                    .filter(p -> p.contract().version().sameAs(migration.version()))
                    .findFirst();
            if (pair.isEmpty() || newDatabase) {
                continue;
            }
            boolean expandedEarlier = succeeded(applied, pair.get().expand());
            if (expandedEarlier && confirmed) {
                continue;
            }
            int after = steps.size() - i - 1;
            return new Guarded(
                    steps.subList(0, i), Optional.of(heldBack(pair.get(), expandedEarlier, confirmed, after)));
        }
        return new Guarded(steps, Optional.empty());
    }

    private static String heldBack(Pair pair, boolean expandedEarlier, boolean confirmed, int after) {
        String contract = pair.contract().label();
        String expand =
                pair.expandFile().map(Migration::label).orElse(pair.expand().text());
        String rest = after == 0 ? "" : " (and the " + after + " migration" + (after == 1 ? "" : "s") + " after it)";
        String why = contract + rest + " is held back: it is the contract half of " + expand + " and drops the old"
                + " column, which running applications may still use. ";
        if (expandedEarlier) {
            return why + "Once every running application reads and writes the new column, run 'strata migrate"
                    + " --contract'.";
        }
        return why + "It never runs in the same 'strata migrate' as its expand"
                + (confirmed ? ", even with --contract" : "")
                + ": deploy the application code that uses the new column after this run, then run 'strata migrate"
                + " --contract'.";
    }
}
