package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code confirm = true} with a real terminal: the packaged jar runs under {@code script}, which
 * gives it a pseudo-terminal (so {@code System.console()} exists), and the answer is typed into it.
 */
class ConfirmIT {

    @TempDir
    Path project;

    @BeforeEach
    void project() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux 'script' gives the pseudo-terminal");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/0001_users.sql"), "CREATE TABLE users (id INTEGER);");
        Files.writeString(project.resolve("strata.toml"), """
                [environments.prod]
                url = "sqlite:prod.db"
                confirm = true
                """);
    }

    /** Runs {@code strata --env prod migrate} on a terminal and types {@code answer}. */
    private StrataProcess.Finished migrateAnswering(String answer) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = quote(java) + " -jar " + quote(StrataProcess.jar().toString()) + " --env prod migrate";
        Path log = Files.createTempFile(project, "terminal", ".log");
        Process process = new ProcessBuilder(List.of("/usr/bin/script", "-qec", command, "/dev/null"))
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try (OutputStream keyboard = process.getOutputStream()) {
            keyboard.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("strata did not finish in two minutes");
        }
        // A terminal has one stream: everything strata printed counts as stdout here.
        return new StrataProcess.Finished(process.exitValue(), Files.readString(log), "");
    }

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    @Test
    void yesOnTheTerminalApplies() throws Exception {
        StrataProcess.Finished run = migrateAnswering("y");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("About to apply 1 migration to prod")
                .contains("0001_users")
                .contains("Apply it? [y/N]")
                .contains("Applied 1 migration");
        assertThat(project.resolve("prod.db")).exists();
    }

    @Test
    void noOnTheTerminalChangesNothing() throws Exception {
        StrataProcess.Finished run = migrateAnswering("n");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("Apply it? [y/N]").contains("was not confirmed");
        assertThat(project.resolve("prod.db")).doesNotExist();
    }
}
