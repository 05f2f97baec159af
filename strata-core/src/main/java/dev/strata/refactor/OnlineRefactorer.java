package dev.strata.refactor;

import dev.strata.schema.Schema;
import dev.strata.schema.SchemaDiff;
import dev.strata.source.Migration;
import dev.strata.source.MigrationDirectory;
import dev.strata.source.NewMigration;
import dev.strata.sql.ContractOf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the migrations of {@code strata alter --online}: expand, backfill and contract, each
 * rehearsed on the shadow database in that order before any file is written. The contract names the
 * expand's version ({@code -- strata:contract-of}), which is how {@code migrate} holds it back,
 * {@code status} shows the pair, and {@code lint} reads the two halves as one change.
 */
final class OnlineRefactorer {

    private OnlineRefactorer() {}

    static Refactorer.Result generate(
            Schema schema,
            AlterRequest request,
            AlterTarget target,
            AlterWriter writer,
            Refactorer.Rehearsal rehearsal,
            Path migrationsDir,
            List<Migration> existing) {
        Alteration whole = AlterPlanner.plan(schema, request, target);
        OnlineChange change = OnlineChange.plan(whole, request);
        AlterWriter.OnlineScripts scripts = writer.writeOnline(change);
        String name = request.name().orElseGet(() -> Refactorer.defaultName(whole));
        String predicted = NewMigration.nextVersion(existing).text();

        String expand = layout(request, scripts.expand(), Optional.empty());
        String backfill = layout(request, scripts.backfill(), Optional.empty());
        List<String> notices = new ArrayList<>();
        Schema after = schema;
        boolean failed = false;
        for (String[] step : List.of(
                new String[] {name + "_expand", expand},
                new String[] {name + "_backfill", backfill},
                new String[] {name + "_contract", layout(request, scripts.contract(), Optional.of(predicted))})) {
            Refactorer.Rehearsed rehearsed = rehearsal.apply(step[0], step[1]);
            if (rehearsed.failure().isPresent()) {
                notices.add(Refactorer.rehearsalWarning(rehearsed.failure().get()));
                failed = true;
                break;
            }
            after = rehearsed.schema();
        }

        // The expand's version is known only once its file is written (a timestamp layout reads the clock).
        List<Path> files = new ArrayList<>(NewMigration.createWithText(
                migrationsDir,
                existing,
                List.of(
                        new NewMigration.Text(name + "_expand", expand),
                        new NewMigration.Text(name + "_backfill", backfill))));
        List<Migration> written = MigrationDirectory.scan(migrationsDir, migrationsDir);
        String expandVersion = written.stream()
                .filter(m -> m.upFile()
                        .toAbsolutePath()
                        .normalize()
                        .equals(files.get(0).toAbsolutePath().normalize()))
                .findFirst()
                .map(m -> m.version().text())
                .orElse(predicted);
        files.addAll(NewMigration.createWithText(
                migrationsDir,
                written,
                List.of(new NewMigration.Text(
                        name + "_contract", layout(request, scripts.contract(), Optional.of(expandVersion))))));

        notices.add("Wrote an expand/contract pair: " + files.get(0).getFileName() + " and "
                + files.get(1).getFileName() + " add " + change.newColumn() + " and keep it in step with "
                + change.oldColumn().name() + "; " + files.get(2).getFileName() + " drops "
                + change.oldColumn().name() + ". strata migrate applies the expand and holds the contract back;"
                + " deploy code that uses " + change.newColumn() + ", then run strata migrate --contract.");
        if (!failed && change.keepName()) {
            notices.add("--keep-name: the contract renames " + change.newColumn() + " to "
                    + change.oldColumn().name() + ", so the code must switch names again when it runs.");
        }
        return new Refactorer.Result(files, failed ? List.of() : SchemaDiff.between(schema, after), notices);
    }

    /** A file of the pair: header, what it does, directives, statements. */
    private static String layout(AlterRequest request, AlterScript script, Optional<String> contractOf) {
        StringBuilder text = new StringBuilder(
                Refactorer.generatedBy(request, " --online" + (request.keepName() ? " --keep-name" : "")));
        text.append("--\n");
        script.explanation().forEach(line -> text.append("-- ").append(line).append('\n'));
        contractOf.ifPresent(version -> text.append("-- strata:")
                .append(ContractOf.DIRECTIVE)
                .append(' ')
                .append(version)
                .append('\n'));
        script.directives()
                .forEach(
                        directive -> text.append("-- strata:").append(directive).append('\n'));
        for (String statement : script.statements()) {
            text.append('\n').append(statement).append(";\n");
        }
        return text.toString();
    }
}
