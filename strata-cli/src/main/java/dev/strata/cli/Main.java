package dev.strata.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The {@code strata} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new StrataCli(new Console(out, err, Terminal.system()), System.getenv(), Path.of("")).run(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
