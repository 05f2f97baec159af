package dev.strata.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code strata docs --check}: fails the build when the committed migration history document is stale. */
@Mojo(name = "docs-check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class DocsCheckMojo extends StrataMojo {

    /** The Markdown file, relative to the project's folder; strata's default when unset ({@code --out}). */
    @Parameter(property = "strata.docsFile")
    String docsFile;

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of("docs", "--check"));
        if (docsFile != null && !docsFile.isBlank()) {
            command.add("--out");
            command.add(docsFile);
        }
        return command;
    }
}
