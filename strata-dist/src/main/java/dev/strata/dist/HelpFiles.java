package dev.strata.dist;

import dev.strata.cli.StrataCli;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the help that ships beside the jar, made from the same picocli model the command line
 * runs, so it can't drift from it: the shell completion script (bash, and zsh through
 * bashcompinit) and one AsciiDoc man page per command, which the build turns into man pages.
 *
 * <p>Usage: {@code HelpFiles COMPLETION_FILE MAN_ADOC_DIR}
 */
public final class HelpFiles {

    private HelpFiles() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HelpFiles COMPLETION_FILE MAN_ADOC_DIR");
        }
        CommandLine model = StrataCli.commandModel();
        Path completion = Path.of(args[0]);
        Files.createDirectories(completion.toAbsolutePath().getParent());
        Files.writeString(completion, AutoComplete.bash("strata", model), StandardCharsets.UTF_8);

        File manDir = new File(args[1]);
        Files.createDirectories(manDir.toPath());
        int status = ManPageGenerator.generateManPage(manDir, null, new boolean[0], true, model.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("picocli's man page generator failed with status " + status);
        }
    }
}
