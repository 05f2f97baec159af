package dev.strata.junit;

import dev.strata.Strata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The project's migrations, applied through strata's own {@code migrate}: the same files, checks
 * and lint gate as on any other database, so a test database is built the way production is.
 *
 * @param projectDir where strata.toml is read from: the folder the tests run in
 * @param folder     the migrations folder, absolute
 */
record Migrations(Path projectDir, Path folder) {

    static Migrations in(String folder) {
        Path projectDir = Path.of("").toAbsolutePath();
        Path resolved = projectDir.resolve(folder).normalize();
        if (!Files.isDirectory(resolved)) {
            throw new ExtensionConfigurationException("the migrations folder '" + folder + "' does not exist in "
                    + projectDir + "; set @StrataTest(migrations = \"...\") to the folder of your migrations,"
                    + " relative to the folder the tests run in");
        }
        return new Migrations(projectDir, resolved);
    }

    /** Migrates {@code template} (reached at {@code url}); a template whose migration fails is removed. */
    <T extends TemplateDatabase> T applyTo(T template, String url) {
        try {
            Strata.configure()
                    .projectDir(projectDir)
                    .migrations(folder)
                    .url(url)
                    // Test templates are not deployments: no run log line per test class.
                    .runLog(java.util.Optional.empty())
                    .load()
                    .migrate();
            return template;
        } catch (RuntimeException e) {
            template.close();
            throw e;
        }
    }
}
