package dev.strata.maven;

import dev.strata.cli.Console;
import dev.strata.cli.StrataCli;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: it runs the strata command of its name in this JVM, in the project's
 * folder, so that strata.toml, the migrations folder and relative SQLite paths mean what they mean
 * on the command line. Parameters override strata.toml as the command line's options do; Maven
 * fills {@code ${env.X}} and properties in them before strata sees them, and strata fills
 * {@code ${env.X}} in strata.toml. A command that exits non-zero fails the build with strata's own
 * message.
 */
abstract class StrataMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** The database; overrides strata.toml and DATABASE_URL, as {@code --url} does. */
    @Parameter(property = "strata.url")
    String url;

    /** The environment of strata.toml to use, as {@code --env} does. */
    @Parameter(property = "strata.env")
    String environment;

    /** The migrations folder, relative to the project's folder, as {@code --dir} does. */
    @Parameter(property = "strata.dir")
    String migrations;

    /** Skips the goal, saying so in the log. */
    @Parameter(property = "strata.skip", defaultValue = "false")
    boolean skip;

    /** The command and its options, e.g. {@code lint --format text}. */
    abstract List<String> command();

    @Override
    public void execute() throws MojoFailureException, MojoExecutionException {
        if (skip) {
            getLog().info("strata " + command().get(0) + " skipped (strata.skip is true)");
            return;
        }
        MavenLogWriter.Lines out = new MavenLogWriter.Lines(getLog()::info);
        run(out);
    }

    /** Runs the command with its output sent to {@code out}; fails the build if it exits non-zero. */
    final void run(MavenLogWriter.Lines out) throws MojoFailureException {
        MavenLogWriter.Lines err = new MavenLogWriter.Lines(getLog()::info);
        List<String> args = arguments();
        int exitCode;
        try (PrintWriter outWriter = new PrintWriter(new MavenLogWriter(out), true);
                PrintWriter errWriter = new PrintWriter(new MavenLogWriter(err), true)) {
            exitCode = new StrataCli(new Console(outWriter, errWriter), System.getenv(), basedir.toPath())
                    .run(args.toArray(String[]::new));
        }
        if (exitCode != 0) {
            throw new MojoFailureException("strata " + command().get(0) + " failed (exit code " + exitCode + ")"
                    + err.lastStartingWith("strata: ")
                            .map(line -> ": " + line.substring("strata: ".length()))
                            .orElse(""));
        }
    }

    private List<String> arguments() {
        List<String> args = new ArrayList<>();
        option(args, "--url", url);
        option(args, "--env", environment);
        option(args, "--dir", migrations);
        args.addAll(command());
        return args;
    }

    private static void option(List<String> args, String name, String value) {
        if (value != null && !value.isBlank()) {
            args.add(name);
            args.add(value);
        }
    }
}
