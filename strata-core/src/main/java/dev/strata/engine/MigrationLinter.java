package dev.strata.engine;

import dev.strata.config.ConfigurationException;
import dev.strata.config.StrataConfig;
import dev.strata.lint.LintReport;
import dev.strata.lint.LintSettings;
import dev.strata.lint.LintSource;
import dev.strata.lint.Linter;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.SourceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Chooses what to lint and what the linter should already know: the migrations before the linted
 * ones are read for their statements only, so a table created in an earlier migration counts as an
 * existing table with data.
 */
final class MigrationLinter {

    private final StrataConfig config;
    private final Linter linter;

    MigrationLinter(StrataConfig config, LintSettings settings) {
        this.config = config;
        this.linter = new Linter(settings);
    }

    /**
     * The migrations that {@code selected} picks out of {@code files}, in version order. The others
     * still move the schema on, so each linted file meets the schema it will really meet.
     */
    LintReport migrations(List<Migration> files, Predicate<Migration> selected) {
        Linter.Run run = linter.start(Optional.empty());
        for (Migration migration : files) {
            run.next(
                    new LintSource(migration.upSource(), migration.upSql(), Optional.of(migration.version())),
                    selected.test(migration),
                    Optional.empty(),
                    dev.strata.lint.RowsHere.UNKNOWN,
                    linter.settings().neverBlocks(migration.version()));
        }
        return run.finish(List.of());
    }

    /**
     * The SQL callbacks, each linted as a file that runs after every migration of {@code files}: the
     * tables those create count as existing tables with data.
     */
    LintReport callbacks(List<Migration> files, List<dev.strata.callback.CallbackFile> callbacks) {
        List<LintSource> earlier = files.stream()
                .map(m -> new LintSource(m.upSource(), m.upSql(), Optional.of(m.version())))
                .toList();
        List<LintSource> linted =
                callbacks.stream().map(c -> new LintSource(c.source(), c.sql())).toList();
        return linter.lint(Optional.empty(), earlier, linted);
    }

    /** Files and folders named on the command line. */
    LintReport paths(List<Path> paths) {
        List<LintReport> reports = new ArrayList<>();
        int count = 0;
        Path project = config.projectDir();
        for (Path given : paths) {
            Path path = project.resolve(given).normalize();
            if (Files.isDirectory(path)) {
                LintReport report = migrations(MigrationDirectory.scan(project, path), m -> true);
                reports.add(report);
                count += report.files();
            } else if (Files.isRegularFile(path)) {
                reports.add(file(path));
                count++;
            } else {
                throw new ConfigurationException("strata lint " + given + ": no such file or folder");
            }
        }
        return new LintReport(
                count, reports.stream().flatMap(r -> r.findings().stream()).toList());
    }

    /** One file: a migration of the folder meets the schema its predecessors made; any other file stands alone. */
    private LintReport file(Path path) {
        List<Migration> folder = Files.isDirectory(config.migrationsDir())
                ? MigrationDirectory.scan(config.projectDir(), config.migrationsDir())
                : List.of();
        Optional<Migration> migration = folder.stream()
                .filter(m -> m.upFile().toAbsolutePath().normalize().equals(path))
                .findFirst();
        if (migration.isPresent()) {
            return migrations(folder, m -> m.equals(migration.get()));
        }
        String shown = path.startsWith(config.projectDir())
                ? config.projectDir().relativize(path).toString().replace('\\', '/')
                : path.toString();
        return linter.lint(Optional.empty(), List.of(), List.of(new LintSource(shown, SourceFiles.read(path, shown))));
    }
}
