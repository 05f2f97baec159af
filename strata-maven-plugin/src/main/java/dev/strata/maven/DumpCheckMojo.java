package dev.strata.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code strata dump --check FILE}: fails the build when the committed schema file is not what the
 * migrations produce (or, with {@code fromMigrations = false}, what the database holds).
 */
@Mojo(name = "dump-check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class DumpCheckMojo extends StrataMojo {

    /** The committed schema file, relative to the project's folder. */
    @Parameter(property = "strata.dumpFile", defaultValue = "schema.sql")
    String dumpFile;

    /** Compare with what the migration files produce (no database needed), not with the live database. */
    @Parameter(property = "strata.fromMigrations", defaultValue = "true")
    boolean fromMigrations;

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("dump", "--check", dumpFile));
        MigrateMojo.flag(command, fromMigrations, "--from-migrations");
        return command;
    }
}
