package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import dev.strata.schema.Index;
import dev.strata.schema.ReferentialAction;
import dev.strata.schema.Schema;
import dev.strata.schema.SchemaChange;
import dev.strata.schema.Table;
import dev.strata.sql.Lexeme;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Findings that need the schema the shadow database computed: a DROP TABLE whose table is there again
 * when the migration ends was a rebuild, whatever shape its statements took, so it is reported as the
 * column changes it made instead of as a drop.
 */
final class ShadowRules {

    /** Where findings go: the rule, the statement they belong to (for allow comments) and the token. */
    @FunctionalInterface
    interface Emitter {
        void emit(Rule rule, int statement, Lexeme at, String message, String fix);
    }

    private ShadowRules() {}

    /**
     * @param findings the statement rules' findings for the file; drops and renames that were really a
     *                 rebuild are taken out of it
     */
    static void apply(
            ShadowEffect effect,
            List<ReadStatement> statements,
            List<Rebuild> rebuilds,
            LintTarget target,
            IntPredicate foreignKeysOff,
            List<Finding> findings,
            Emitter emit) {
        Set<Integer> recognised =
                rebuilds.stream().flatMap(r -> r.steps().stream()).collect(Collectors.toSet());
        for (int i = 0; i < statements.size(); i++) {
            if (recognised.contains(i)
                    || !(statements.get(i).change() instanceof Change.Drop drop)
                    || drop.type() != Change.ObjectType.TABLE) {
                continue;
            }
            for (Name dropped : drop.names()) {
                Name name = origin(statements, i, dropped);
                Optional<Table> before = effect.before().table(name.name());
                Optional<Table> after = effect.after().table(name.name());
                // Back under its name but with nothing copied over: a new, empty table, and the drop stays a drop.
                if (before.isPresent() && after.isPresent() && Rebuild.copiedBeforeDrop(statements, i, dropped)) {
                    findings.removeIf(f -> f.rule().equals("drop-table")
                            && f.line() == dropped.at().line()
                            && f.column() == dropped.at().column());
                    rebuilt(effect, statements, i, name, before.get(), target, foreignKeysOff, findings, emit);
                }
            }
        }
    }

    private static void rebuilt(
            ShadowEffect effect,
            List<ReadStatement> statements,
            int drop,
            Name name,
            Table old,
            LintTarget target,
            IntPredicate foreignKeysOff,
            List<Finding> findings,
            Emitter emit) {
        for (ReadStatement statement : statements) {
            if (statement.change() instanceof Change.AlterTable alter) {
                for (AlterAction action : alter.actions()) {
                    if (action instanceof AlterAction.RenameTable rename
                            && (rename.to().key().equals(name.key())
                                    || alter.table().key().equals(name.key()))) {
                        findings.removeIf(f -> f.rule().equals("rename-table")
                                && f.line() == action.at().line()
                                && f.column() == action.at().column());
                    }
                }
            }
        }
        Lexeme first = statements.get(drop).first();
        Predicate<SchemaChange> ofTable = c -> name.name().equalsIgnoreCase(c.table())
                || (c.kind() == SchemaChange.ObjectKind.TABLE && name.name().equalsIgnoreCase(c.name()));
        List<SchemaChange> changes = effect.changes().stream().filter(ofTable).toList();
        emit.emit(
                rule("table-rebuild"),
                drop,
                first,
                "rebuilds " + name + " (the shadow database shows it again"
                        + " after the migration)"
                        + (changes.isEmpty()
                                ? " with no change to its shape."
                                : ": "
                                        + changes.stream()
                                                .map(SchemaChange::describe)
                                                .collect(Collectors.joining("; ")) + "."),
                "Nothing to do if that is the change you meant; indexes and triggers of " + name + " must be created"
                        + " again after the rebuild.");
        for (SchemaChange change : changes) {
            if (change.kind() == SchemaChange.ObjectKind.COLUMN
                    && change.change() == SchemaChange.Change.ALTERED
                    && SchemaChange.ASPECT_TYPE.equals(change.aspect())
                    && change.before() != null
                    && change.after() != null) {
                TypeChanges.loss(change.before(), change.after())
                        .ifPresent(loss -> emit.emit(
                                rule("lossy-type-change"),
                                drop,
                                first,
                                name + "." + change.name() + " changes type " + change.before() + " -> "
                                        + change.after() + " in a table rebuild: " + loss + ".",
                                "Check the values first (and keep a copy of the old column until the new one is proven), or"
                                        + " keep the exact type."));
            }
        }
        // With -- strata:foreign-keys off, or the file's own PRAGMA foreign_keys = OFF outside a transaction,
        // plain SQLite drops the old table without touching its children.
        if (target.isSqlite() && !(foreignKeysOff.test(drop) && target == LintTarget.SQLITE)) {
            List<String> children = effect.before().referencesTo(old.name()).stream()
                    .filter(ref -> ref.key().onDelete() == ReferentialAction.CASCADE
                            && !ref.table().name().equals(old.name()))
                    .map(ref -> effect.before().display(ref.table().name()))
                    .distinct()
                    .toList();
            if (!children.isEmpty()) {
                emit.emit(
                        rule("rebuild-with-cascade-children"),
                        drop,
                        first,
                        "rebuilding " + name + " drops the old"
                                + " table, and with foreign keys on (always on Cloudflare D1) that deletes every row of "
                                + String.join(", ", children) + " through ON DELETE CASCADE.",
                        "Change the column without a rebuild (ADD COLUMN new, UPDATE to copy, DROP COLUMN old, RENAME"
                                + " COLUMN), or rebuild the child tables too.");
            }
        }
        Schema after = effect.after();
        for (Index index : effect.before().indexesOn(old.name())) {
            boolean again = after.indexes().stream()
                    .anyMatch(i -> i.name().name().equals(index.name().name()));
            if (!again) {
                emit.emit(
                        rule("rebuild-drops-indexes"),
                        drop,
                        first,
                        "dropping the old " + name + " drops its index "
                                + index.name().name() + " too, and the migration does not create it again.",
                        "Create it again after the rebuild: CREATE INDEX IF NOT EXISTS "
                                + index.name().name() + " ON " + name.name() + " " + index.describeKeys() + ".");
            }
        }
    }

    /** The name the dropped table had before this file renamed it, if it did. */
    private static Name origin(List<ReadStatement> statements, int drop, Name dropped) {
        Name origin = dropped;
        for (int i = drop - 1; i >= 0; i--) {
            Optional<Name[]> rename = Rebuild.rename(statements.get(i).change());
            if (rename.isPresent() && rename.get()[1].key().equals(origin.key())) {
                origin = rename.get()[0];
            }
        }
        return origin;
    }

    private static Rule rule(String id) {
        return Rules.byId(id).orElseThrow();
    }
}
