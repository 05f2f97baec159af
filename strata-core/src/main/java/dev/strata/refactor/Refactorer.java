package dev.strata.refactor;

import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.SchemaDiff;
import dev.strata.source.Migration;
import dev.strata.source.NewMigration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes the migration for {@code strata alter}: plans the change against the schema the existing
 * migrations produce, has the engine's {@link AlterWriter} write it, rehearses it on the shadow
 * database (so a generated file that would fail is never written), and lays it out as a reviewable
 * file in the migrations folder. It never runs the migration on the real database.
 *
 * <p>Renames go first and are rehearsed on their own: the engine's native RENAME COLUMN rewrites every
 * index, trigger and view that names the column, and what comes after is planned from the schema it
 * leaves.
 */
public final class Refactorer {

    /** Runs SQL on the shadow database, after what ran there before, and says how it went. */
    @FunctionalInterface
    public interface Rehearsal {
        /** @param label what is being rehearsed, for messages */
        Rehearsed apply(String label, String sql);
    }

    /**
     * How a rehearsal went.
     *
     * @param schema  the shadow's schema afterwards (unchanged when it failed)
     * @param failure why it failed, in the database's words with file and line; empty when it ran
     */
    public record Rehearsed(Schema schema, java.util.Optional<String> failure) {}

    /**
     * What {@code strata alter} wrote.
     *
     * @param files   the migration files created, in version order
     * @param changes the schema changes the first of them makes, as {@code strata plan} would list them
     * @param notices sentences for the user (tables rebuilt along, steps split into a second migration)
     */
    public record Result(List<Path> files, List<SchemaChange> changes, List<String> notices) {
        public Result {
            files = List.copyOf(files);
            changes = List.copyOf(changes);
            notices = List.copyOf(notices);
        }
    }

    private Refactorer() {}

    /**
     * @param schema    the schema every existing migration produces (computed on the shadow)
     * @param existing  the migrations already in the folder
     * @param rehearsal the shadow database holding {@code schema}, to rehearse the new migration on
     */
    public static Result generate(
            Schema schema,
            AlterRequest request,
            AlterTarget target,
            AlterWriter writer,
            Rehearsal rehearsal,
            Path migrationsDir,
            List<Migration> existing) {
        Objects.requireNonNull(rehearsal, "rehearsal");
        if (request.online()) {
            return OnlineRefactorer.generate(schema, request, target, writer, rehearsal, migrationsDir, existing);
        }
        Alteration whole = AlterPlanner.plan(schema, request, target);
        String tag = NewMigration.nextVersion(existing).text();
        String name = request.name().orElseGet(() -> defaultName(whole));

        AlterScript script;
        Rehearsed rehearsed;
        List<AlterOperation> renames = request.operations().stream()
                .filter(op -> op instanceof AlterOperation.RenameColumn)
                .toList();
        if (renames.isEmpty() || whole.onlyRenames()) {
            script = writer.write(whole, tag);
            rehearsed = hasMain(request, script)
                    ? rehearsal.apply(name, layout(request, script, script.statements(), script.verifications()))
                    : new Rehearsed(schema, java.util.Optional.empty());
        } else {
            Alteration renaming = AlterPlanner.plan(
                    schema, new AlterRequest(request.table(), renames, request.name(), request.tolerance()), target);
            AlterScript first = writer.write(renaming, tag);
            Rehearsed renamed = rehearsal.apply(
                    name + " (renames)", layout(request, first, first.statements(), first.verifications()));
            if (renamed.failure().isPresent()) {
                throw new AlterRefusedException("the column renames fail on the shadow database, so nothing was"
                        + " written: " + renamed.failure().get());
            }
            List<AlterOperation> rest = request.operations().stream()
                    .filter(op -> !(op instanceof AlterOperation.RenameColumn))
                    .map(op -> Renamed.apply(op, whole.renames()))
                    .toList();
            Alteration remaining = AlterPlanner.plan(
                    renamed.schema(),
                    new AlterRequest(request.table(), rest, request.name(), request.tolerance()),
                    target);
            AlterScript second = writer.write(remaining, tag);
            rehearsed = rehearsal.apply(name, layout(request, second, second.statements(), second.verifications()));
            script = first.then(second);
        }
        List<String> notices = new ArrayList<>(script.notices());
        List<NewMigration.Text> texts = new ArrayList<>();
        if (hasMain(request, script)) {
            texts.add(
                    new NewMigration.Text(name, layout(request, script, script.statements(), script.verifications())));
        }
        // The later files are rehearsed after the main one, each while the ones before it succeeded.
        List<NewMigration.Text> later = new ArrayList<>();
        if (!script.concurrentIndexes().isEmpty()) {
            later.add(new NewMigration.Text(name + "_index", concurrentIndexes(request, script.concurrentIndexes())));
        }
        if (!script.followUp().isEmpty()) {
            String suffix = script.concurrentIndexes().isEmpty() ? "_validate" : "_constraint";
            later.add(new NewMigration.Text(name + suffix, followUp(request, script.followUp())));
        }
        for (NewMigration.Text text : later) {
            if (rehearsed.failure().isEmpty()) {
                rehearsed = rehearsal.apply(text.name(), text.sql());
            }
            texts.add(text);
        }
        Schema after = rehearsed.schema();
        if (rehearsed.failure().isPresent()) {
            notices.add(rehearsalWarning(rehearsed.failure().get()));
            after = whole.withTableAfter();
        }
        List<Path> files = NewMigration.createWithText(migrationsDir, existing, texts);
        return new Result(files, SchemaDiff.between(schema, after), notices);
    }

    /**
     * Whether the change needs a migration before its later ones: not when it only adds unique
     * constraints that the later ones build concurrently and then add.
     */
    private static boolean hasMain(AlterRequest request, AlterScript script) {
        return script.concurrentIndexes().isEmpty()
                || !request.operations().stream().allMatch(op -> op instanceof AlterOperation.AddUnique);
    }

    /**
     * The shadow holds the rows the migrations themselves insert, so a failure there is usually about
     * data, which the real database is likely to share; the file is still written, for review.
     */
    static String rehearsalWarning(String failure) {
        return "WARNING: strata rehearsed the new migration on the shadow database and it failed there:"
                + System.lineSeparator() + "  " + failure.replace(System.lineSeparator(), System.lineSeparator() + "  ")
                + System.lineSeparator() + "  The shadow holds the rows your migrations insert, so the real database"
                + " will probably fail the same way: fix those rows (or the migration) before strata migrate. If"
                + " the failure is not about data, please report it.";
    }

    /** A default name longer than this would be hard to read in a listing; the table alone names it then. */
    private static final int LONGEST_NAME = 60;

    /**
     * {@code alter_TABLE_WHAT} for one change ({@code alter_orders_amount_type},
     * {@code alter_users_rename_mail_to_email}), {@code alter_TABLE} for several: a name to find the
     * file by, never cut mid-word. The whole command is in the file's header.
     */
    static String defaultName(Alteration alteration) {
        String table = "alter_" + alteration.before().name().name();
        if (alteration.operations().size() != 1) {
            return clean(table);
        }
        String one = clean(table + "_" + kind(alteration.operations().get(0)));
        return one.length() > LONGEST_NAME ? clean(table) : one;
    }

    private static String kind(AlterOperation op) {
        if (op instanceof AlterOperation.ChangeType type) {
            return type.column() + "_type";
        } else if (op instanceof AlterOperation.ForeignKeyAction action) {
            return action.column() + "_on_" + action.event().name().toLowerCase(Locale.ROOT);
        } else if (op instanceof AlterOperation.SetNotNull set) {
            return set.column() + "_not_null";
        } else if (op instanceof AlterOperation.DropNotNull drop) {
            return drop.column() + "_nullable";
        } else if (op instanceof AlterOperation.AddCheck add) {
            return "check_" + add.name();
        } else if (op instanceof AlterOperation.DropCheck drop) {
            return "drop_check_" + drop.name();
        } else if (op instanceof AlterOperation.AddUnique add) {
            return String.join("_", add.columns()) + "_unique";
        } else if (op instanceof AlterOperation.DropColumn drop) {
            return "drop_" + drop.column();
        } else if (op instanceof AlterOperation.RenameColumn rename) {
            return "rename_" + rename.from() + "_to_" + rename.to();
        }
        return "soft_delete";
    }

    private static String clean(String name) {
        return name.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("_+", "_")
                .replaceAll("^_|_$", "");
    }

    /** The first lines of a generated file: the command that wrote it, and that strata did not run it. */
    static String generatedBy(AlterRequest request, String moreOptions) {
        return "-- Generated by: strata alter " + request.table() + ' '
                + request.operations().stream().map(AlterOperation::describe).collect(Collectors.joining(" "))
                + moreOptions + '\n'
                + "-- strata wrote this from the schema the earlier migrations produce and did not run it.\n";
    }

    /** The migration file's text: header, directives, statements, then the checks. */
    static String layout(AlterRequest request, AlterScript script, List<String> statements, List<String> checks) {
        StringBuilder text = new StringBuilder(generatedBy(request, ""));
        text.append("-- Review it, then apply it with strata migrate.\n");
        if (!script.explanation().isEmpty()) {
            text.append("--\n");
            script.explanation().forEach(line -> text.append("-- ").append(line).append('\n'));
        }
        script.directives()
                .forEach(
                        directive -> text.append("-- strata:").append(directive).append('\n'));
        appendStatements(text, statements);
        if (!checks.isEmpty()) {
            text.append("\n-- Checks strata runs after the statements, inside the same transaction. If one returns a"
                    + " row,\n-- the whole migration is rolled back and the rows are shown.\n");
            checks.forEach(
                    check -> text.append("-- strata:verify ").append(check).append('\n'));
        }
        return text.toString();
    }

    private static String followUp(AlterRequest request, List<String> statements) {
        StringBuilder text = new StringBuilder(generatedBy(request, " (last step)"));
        text.append("-- Finishes what the migrations before it began without blocking writes: VALIDATE CONSTRAINT\n");
        text.append("-- scans the table under a lock that lets reads and writes go on, and ADD CONSTRAINT ... USING\n");
        text.append("-- INDEX takes the table's lock only for a moment, as its index is built already.\n");
        appendStatements(text, statements);
        return text.toString();
    }

    private static void appendStatements(StringBuilder text, List<String> statements) {
        for (String statement : statements) {
            text.append('\n').append(statement).append(";\n");
        }
    }

    /** The migration that builds unique indexes CONCURRENTLY, outside a transaction, so writes go on. */
    private static String concurrentIndexes(AlterRequest request, List<String> statements) {
        StringBuilder text = new StringBuilder("-- strata:no-transaction\n");
        text.append(generatedBy(request, " (unique index)"));
        text.append("-- Builds the unique index CONCURRENTLY: outside a transaction, without blocking writes. If it\n");
        text.append("-- stops (a duplicate value), fix the rows, run strata repair, then strata migrate: this file\n");
        text.append("-- drops the invalid index the failure left, and builds it again.\n");
        appendStatements(text, statements);
        return text.toString();
    }

    /** Operations rewritten to name columns by their names after the renames that ran before them. */
    private static final class Renamed {
        static AlterOperation apply(AlterOperation op, Map<String, String> renames) {
            java.util.function.UnaryOperator<String> to = name -> renames.getOrDefault(name, name);
            if (op instanceof AlterOperation.ChangeType type) {
                return new AlterOperation.ChangeType(to.apply(type.column()), type.type(), type.using());
            } else if (op instanceof AlterOperation.ForeignKeyAction action) {
                return new AlterOperation.ForeignKeyAction(to.apply(action.column()), action.event(), action.action());
            } else if (op instanceof AlterOperation.SetNotNull set) {
                return new AlterOperation.SetNotNull(to.apply(set.column()));
            } else if (op instanceof AlterOperation.DropNotNull drop) {
                return new AlterOperation.DropNotNull(to.apply(drop.column()));
            } else if (op instanceof AlterOperation.AddUnique add) {
                return new AlterOperation.AddUnique(
                        add.columns().stream().map(to).toList());
            } else if (op instanceof AlterOperation.DropColumn drop) {
                return new AlterOperation.DropColumn(to.apply(drop.column()));
            }
            return op;
        }
    }
}
