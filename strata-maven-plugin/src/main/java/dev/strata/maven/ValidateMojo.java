package dev.strata.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code strata validate}: every check migrate would run, against the database, without changing
 * it; fails the build on any problem, pending out-of-order files included.
 */
@Mojo(name = "validate", threadSafe = true)
public final class ValidateMojo extends StrataMojo {

    /** Accept pending migrations below the highest applied version ({@code --out-of-order}). */
    @Parameter(property = "strata.outOfOrder", defaultValue = "false")
    boolean outOfOrder;

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("validate"));
        MigrateMojo.flag(command, outOfOrder, "--out-of-order");
        return command;
    }
}
