package dev.strata.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One in-process run of the CLI, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Path workingDir, Map<String, String> environment, String... args) {
        return run(Optional.empty(), workingDir, environment, args);
    }

    /** A run with someone at a terminal, who answers what {@code terminal} answers. */
    public static CliRun run(
            Optional<Terminal> terminal, Path workingDir, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new StrataCli(
                        new Console(new PrintWriter(out, true), new PrintWriter(err, true), terminal),
                        environment,
                        workingDir)
                .run(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public String all() {
        return out + err;
    }
}
