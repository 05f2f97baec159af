package dev.strata.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code strata migrate}: applies the pending migrations. Bound to no phase: run it, or bind it, on purpose. */
@Mojo(name = "migrate", threadSafe = true)
public final class MigrateMojo extends StrataMojo {

    /** Stop after this version ({@code --target}). */
    @Parameter(property = "strata.target")
    String target;

    /** Print what would run and change nothing ({@code --dry-run}). */
    @Parameter(property = "strata.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Also apply pending migrations below the highest applied version ({@code --out-of-order}). */
    @Parameter(property = "strata.outOfOrder", defaultValue = "false")
    boolean outOfOrder;

    /**
     * Also apply the contract halves of expand/contract pairs whose expand an earlier run applied
     * ({@code --contract}): set it only once every running application uses the new column.
     */
    @Parameter(property = "strata.contract", defaultValue = "false")
    boolean contract;

    /** Answer an environment's {@code confirm = true} ({@code --yes}); a build has no terminal to ask on. */
    @Parameter(property = "strata.yes", defaultValue = "false")
    boolean yes;

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("migrate"));
        if (target != null && !target.isBlank()) {
            command.add("--target");
            command.add(target);
        }
        flag(command, dryRun, "--dry-run");
        flag(command, outOfOrder, "--out-of-order");
        flag(command, contract, "--contract");
        flag(command, yes, "--yes");
        return command;
    }

    static void flag(List<String> command, boolean on, String option) {
        if (on) {
            command.add(option);
        }
    }
}
