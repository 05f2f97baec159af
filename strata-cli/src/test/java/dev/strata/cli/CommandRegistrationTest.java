package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.commands.DownCommand;
import dev.strata.cli.commands.MigrateCommand;
import dev.strata.cli.commands.StatusCommand;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run builds only the command it runs, and help still lists them all. */
class CommandRegistrationTest {

    @TempDir
    Path project;

    @Test
    void theNamedCommandIsFoundPastTheGlobalOptions() {
        assertThat(StrataCli.commandsFor("status")).containsExactly(StatusCommand.class);
        assertThat(StrataCli.commandsFor("-C", "app", "--url", "sqlite:x.db", "migrate", "--dry-run"))
                .containsExactly(MigrateCommand.class);
        assertThat(StrataCli.commandsFor("--env=prod", "--dir", "db", "down", "--all"))
                .containsExactly(DownCommand.class);
    }

    @Test
    void helpVersionAndUnknownCommandsGetEveryCommand() {
        assertThat(StrataCli.commandsFor()).isEqualTo(StrataCommand.COMMANDS);
        assertThat(StrataCli.commandsFor("--help")).isEqualTo(StrataCommand.COMMANDS);
        assertThat(StrataCli.commandsFor("-C", "app", "statsu")).isEqualTo(StrataCommand.COMMANDS);
    }

    @Test
    void rootHelpListsEveryCommandAndAMisspelledOneIsAUsageError() {
        CliRun help = CliRun.run(project, Map.of(), "--help");
        CliRun typo = CliRun.run(project, Map.of(), "statsu");

        assertThat(help.exitCode()).isZero();
        for (Class<?> command : StrataCommand.COMMANDS) {
            String name =
                    command.getAnnotation(picocli.CommandLine.Command.class).name();
            assertThat(help.out()).contains("  " + name + " ");
        }
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("'statsu'");
    }

    @Test
    void aCommandRegisteredAloneStillSeesTheGlobalOptions() throws Exception {
        java.nio.file.Files.createDirectories(project.resolve("migrations"));
        CliRun run = CliRun.run(project, Map.of(), "--url", "sqlite:" + project.resolve("app.db"), "status");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Database: SQLite database sqlite:" + project.resolve("app.db"));
    }
}
