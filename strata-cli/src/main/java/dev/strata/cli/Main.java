package dev.strata.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code strata} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (System.getenv("STRATA_DEBUG") == null) {
            // The JDBC drivers log through java.util.logging, which prints stack traces on stderr (sqlite-jdbc
            // does when the disk is full). Strata speaks through Console alone; STRATA_DEBUG=1 lets them talk.
            java.util.logging.LogManager.getLogManager().reset();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new StrataCli(new Console(out, err, Terminal.system()), System.getenv(), Path.of("")).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
