package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.commands.DownCommand;
import dev.strata.cli.commands.MigrateCommand;
import dev.strata.cli.commands.StatusCommand;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(typo.err()).contains("'statsu'").contains("Did you mean 'strata status' or ");
    }

    /** No configuration has named the password yet, so the usage error itself must hide it. */
    @Test
    void aUsageErrorNeverShowsThePasswordOfAMisplacedUrl() throws Exception {
        String url = "postgres://app:s3cret-pw@localhost/db";
        java.nio.file.Files.writeString(project.resolve("args.txt"), "migrate\n" + url + "\n");
        List<CliRun> runs = List.of(
                CliRun.run(project, Map.of(), "migrate", url),
                CliRun.run(project, Map.of(), "migrate", "--urll=" + url),
                CliRun.run(project, Map.of(), "@" + project.resolve("args.txt")),
                CliRun.run(project, Map.of(), "status", "postgres://app@localhost/db?password=s3cret-pw"));

        for (CliRun run : runs) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.all()).doesNotContain("s3cret-pw").contains("***");
        }
        assertThat(runs.get(0).err()).contains("'postgres://app:***@localhost/db'");
    }

    /** Two letters the wrong way round share no letter pair with the word meant: picocli finds nothing. */
    @Test
    void swappedLettersStillFindTheCommandOrOptionMeant() {
        CliRun command = CliRun.run(project, Map.of(), "lnit");
        CliRun option = CliRun.run(project, Map.of(), "migrate", "--dyr-run");
        CliRun withValue = CliRun.run(project, Map.of(), "--ulr=postgres://app:s3cret-pw@localhost/db", "status");

        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("Did you mean 'strata lint'?");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("Did you mean 'strata migrate --dry-run'?");
        assertThat(withValue.exitCode()).isEqualTo(2);
        assertThat(withValue.err()).contains("Did you mean 'strata --url'?").doesNotContain("s3cret-pw");
        assertThat(Typos.distance("lnit", "lint")).isEqualTo(1);
        assertThat(Typos.distance("migrate", "migrate")).isZero();
        assertThat(Typos.nearest("stauts", List.of("status", "check", "seed"))).containsExactly("status");
        assertThat(Typos.nearest("xyz", List.of("status", "lint"))).isEmpty();
    }

    @Test
    void aMisspelledOptionIsAUsageErrorThatSuggestsTheOption() {
        CliRun typo = CliRun.run(project, Map.of(), "migrate", "--dry-rn");
        CliRun unlike = CliRun.run(project, Map.of(), "migrate", "--zzzzzz");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err())
                .contains("Unknown option: '--dry-rn'")
                .contains("Did you mean 'strata migrate --dry-run'?")
                .contains("Run 'strata migrate --help' for usage.");
        assertThat(unlike.exitCode()).isEqualTo(2);
        assertThat(unlike.err()).doesNotContain("Did you mean");
    }

    @Test
    void aCommandRegisteredAloneStillSeesTheGlobalOptions() throws Exception {
        java.nio.file.Files.createDirectories(project.resolve("migrations"));
        CliRun run = CliRun.run(project, Map.of(), "--url", "sqlite:" + project.resolve("app.db"), "status");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Database: SQLite database sqlite:" + project.resolve("app.db"));
    }
}
