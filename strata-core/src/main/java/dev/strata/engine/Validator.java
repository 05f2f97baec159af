package dev.strata.engine;

import dev.strata.config.StrataConfig;
import dev.strata.dialect.Database;
import dev.strata.dialect.Dialect;
import dev.strata.dialect.HistorySettings;
import dev.strata.dialect.WaitListener;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.MigrationSourceException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code strata validate}: every check migrate would make, plus a parse of every down script,
 * collected into one report instead of stopping at the first. Reads only.
 */
final class Validator {

    private final StrataConfig config;
    private final Dialect dialect;

    Validator(StrataConfig config, Dialect dialect) {
        this.config = config;
        this.dialect = dialect;
    }

    ValidationReport validate(boolean outOfOrderAllowed) {
        List<ValidationProblem> problems = new ArrayList<>();
        List<Migration> files;
        try {
            files = MigrationDirectory.scan(config.projectDir(), config.migrationsDir());
        } catch (MigrationSourceException e) {
            e.problems().forEach(problem -> problems.add(new ValidationProblem("source", problem)));
            return new ValidationReport(config.url().display(), 0, problems);
        }
        try (Database db = dialect.open(config.url(), new HistorySettings(config.historyTable(), config.schema()),
                Dialect.Access.READ, WaitListener.SILENT)) {
            List<MigrationStatus> rows = MigrationStates.join(files, db.appliedMigrations());
            boolean anyFailed = rows.stream().anyMatch(row -> row.state() == MigrationState.FAILED);
            problems.addAll(HistoryChecks.problems(rows, outOfOrderAllowed, anyFailed ? db.leftovers() : List.of()));
            for (MigrationStatus row : rows) {
                if (row.state() == MigrationState.PENDING) {
                    Migration file = files.stream().filter(m -> m.version().equals(row.version())).findFirst()
                            .orElseThrow();
                    check(file.upSource(), file.upSql(), problems);
                }
            }
            for (Migration file : files) {
                file.downFile().ifPresent(down -> checkDown(file, problems));
            }
            return new ValidationReport(db.description(), files.size(), problems);
        }
    }

    private void checkDown(Migration file, List<ValidationProblem> problems) {
        try {
            check(MigrationDirectory.downSource(file).orElseThrow(), MigrationDirectory.readDown(file), problems);
        } catch (MigrationSourceException e) {
            e.problems().forEach(problem -> problems.add(new ValidationProblem("source", problem)));
        }
    }

    private void check(String source, String text, List<ValidationProblem> problems) {
        ScriptPreparer.prepare(source, text, dialect.splitter()).problems()
                .forEach(problem -> problems.add(new ValidationProblem("syntax", problem)));
    }
}
