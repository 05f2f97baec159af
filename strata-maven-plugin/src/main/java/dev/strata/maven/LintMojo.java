package dev.strata.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code strata lint}: fails the build when a finding of error severity remains, with the findings
 * in the build log, and writes them as SARIF (for code-scanning tools) to {@link #sarifFile}.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends StrataMojo {

    /** Where the SARIF report goes. */
    @Parameter(property = "strata.sarifFile", defaultValue = "${project.build.directory}/strata-lint.sarif")
    File sarifFile;

    /** Lint from the statements alone, without running the migrations on a throwaway database ({@code --no-shadow}). */
    @Parameter(property = "strata.noShadow", defaultValue = "false")
    boolean noShadow;

    private String format = "text";

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("lint", "--format", format));
        MigrateMojo.flag(command, noShadow, "--no-shadow");
        return command;
    }

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        if (skip) {
            super.execute();
            return;
        }
        writeSarif();
        format = "text";
        super.execute();
    }

    /** The SARIF run decides nothing: the text run after it fails the build, with readable findings. */
    private void writeSarif() throws MojoExecutionException {
        format = "sarif";
        MavenLogWriter.Lines sarif = new MavenLogWriter.Lines(line -> {});
        try {
            run(sarif);
        } catch (MojoFailureException findingsOrFailure) {
            // Reported by the text run that follows.
        }
        try {
            Files.createDirectories(sarifFile.toPath().toAbsolutePath().getParent());
            Files.write(sarifFile.toPath(), sarif.all(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "could not write the SARIF report " + sarifFile + ": " + e.getMessage(), e);
        }
    }
}
