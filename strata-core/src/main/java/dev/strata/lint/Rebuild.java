package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table rebuild inside one migration: the way SQLite (and D1) change what ALTER TABLE cannot. A
 * new table is created, the rows are copied over from the old one, the old one is dropped, and the
 * new one ends up under the old name, whatever the order and however many renames it takes
 * ("create new, copy, drop old, rename new", "rename old aside, create, copy, drop old" ...). Every
 * step is needed: without the copy it is a plain drop, and is reported as one.
 *
 * @param table  the table's name before and after the rebuild
 * @param shape  the CREATE TABLE of the rebuilt table
 * @param steps  indexes of the rebuild's statements in the file
 * @param drop   index of the statement that drops the old table
 * @param create index of the CREATE TABLE
 */
record Rebuild(Name table, Change.CreateTable shape, Set<Integer> steps, int drop, int create) {

    static List<Rebuild> find(List<ReadStatement> statements) {
        List<Rebuild> found = new ArrayList<>();
        for (int d = 0; d < statements.size(); d++) {
            if (statements.get(d).change() instanceof Change.Drop drop
                    && drop.type() == Change.ObjectType.TABLE
                    && drop.names().size() == 1) {
                rebuildAt(statements, d, drop.names().get(0)).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The rebuild whose old table the DROP at {@code d} removes, if the file holds one. */
    private static Optional<Rebuild> rebuildAt(List<ReadStatement> statements, int d, Name dropped) {
        Set<Integer> steps = new HashSet<>();
        Set<String> oldNames = new HashSet<>();
        Name origin = dropped;
        oldNames.add(origin.key());
        for (int i = d - 1; i >= 0; i--) {
            Optional<Name[]> rename = rename(statements.get(i).change());
            if (rename.isPresent() && rename.get()[1].key().equals(origin.key())) {
                origin = rename.get()[0];
                oldNames.add(origin.key());
                steps.add(i);
            }
        }
        for (int c = 0; c < statements.size(); c++) {
            if (!(statements.get(c).change() instanceof Change.CreateTable create) || create.asSelect()) {
                continue;
            }
            Set<Integer> chain = new HashSet<>();
            Set<String> newNames = new HashSet<>();
            String current = create.table().key();
            newNames.add(current);
            for (int i = c + 1; i < statements.size(); i++) {
                Optional<Name[]> rename = rename(statements.get(i).change());
                if (rename.isPresent() && rename.get()[0].key().equals(current)) {
                    current = rename.get()[1].key();
                    newNames.add(current);
                    chain.add(i);
                }
            }
            if (!current.equals(origin.key()) || c == d) {
                continue;
            }
            int copy = copy(statements, newNames, oldNames);
            if (copy >= 0) {
                steps.addAll(chain);
                steps.add(c);
                steps.add(copy);
                steps.add(d);
                return Optional.of(new Rebuild(origin, create, Set.copyOf(steps), d, c));
            }
        }
        return Optional.empty();
    }

    /** {@code [from, to]} of an ALTER TABLE that does nothing but rename a table. */
    static Optional<Name[]> rename(Change change) {
        if (change instanceof Change.AlterTable alter
                && alter.actions().size() == 1
                && alter.actions().get(0) instanceof AlterAction.RenameTable rename) {
            return Optional.of(new Name[] {alter.table(), rename.to()});
        }
        return Optional.empty();
    }

    /**
     * Whether a statement before {@code drop} copies rows out of the table it drops (under any name
     * the file gave it before): INSERT ... SELECT ... FROM it, or CREATE TABLE ... AS SELECT ... FROM
     * it. Without such a copy a table dropped and created again is a new, empty table.
     */
    static boolean copiedBeforeDrop(List<ReadStatement> statements, int drop, Name dropped) {
        Set<String> names = new HashSet<>();
        names.add(dropped.key());
        String current = dropped.key();
        for (int i = drop - 1; i >= 0; i--) {
            Optional<Name[]> rename = rename(statements.get(i).change());
            if (rename.isPresent() && rename.get()[1].key().equals(current)) {
                current = rename.get()[0].key();
                names.add(current);
            }
        }
        for (int i = 0; i < drop; i++) {
            Change change = statements.get(i).change();
            Optional<Name> source = change instanceof Change.Insert insert
                    ? insert.selectFrom()
                    : change instanceof Change.CreateTable create ? create.selectFrom() : Optional.empty();
            if (source.map(Name::key).filter(names::contains).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** The CREATE TABLE after {@code drop} that makes a table of the dropped one's name again, if any. */
    static Optional<ReadStatement> createdAgain(List<ReadStatement> statements, int drop, Name dropped) {
        for (int i = drop + 1; i < statements.size(); i++) {
            if (statements.get(i).change() instanceof Change.CreateTable create
                    && !create.temporary()
                    && create.table().key().equals(dropped.key())) {
                return Optional.of(statements.get(i));
            }
        }
        return Optional.empty();
    }

    private static int copy(List<ReadStatement> statements, Set<String> into, Set<String> from) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).change() instanceof Change.Insert insert
                    && into.contains(insert.table().key())
                    && insert.selectFrom().map(Name::key).filter(from::contains).isPresent()) {
                return i;
            }
        }
        return -1;
    }
}
