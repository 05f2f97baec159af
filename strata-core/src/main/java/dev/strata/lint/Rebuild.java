package dev.strata.lint;

import dev.strata.ddl.AlterAction;
import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table rebuild inside one migration: the way SQLite (and D1) change what ALTER TABLE cannot.
 * Either "create new, copy, drop old, rename new" or "rename old, create, copy, drop old". Every step
 * is needed: without the copy it is a plain drop, and is reported as one.
 *
 * @param table   the table's name before and after the rebuild
 * @param shape   the CREATE TABLE of the rebuilt table
 * @param steps   indexes of the rebuild's statements in the file, in order
 * @param drop    index of the statement that drops the old table
 * @param create  index of the CREATE TABLE
 */
record Rebuild(Name table, Change.CreateTable shape, Set<Integer> steps, int drop, int create) {

    static List<Rebuild> find(List<ReadStatement> statements) {
        List<Rebuild> found = new ArrayList<>();
        for (int c = 0; c < statements.size(); c++) {
            if (statements.get(c).change() instanceof Change.CreateTable create && !create.asSelect()) {
                int at = c;
                newThenSwap(statements, at, create).or(() -> renameFirst(statements, at, create))
                        .ifPresent(found::add);
            }
        }
        return found;
    }

    /** CREATE TABLE n; INSERT INTO n ... FROM o; DROP TABLE o; ALTER TABLE n RENAME TO o. */
    private static Optional<Rebuild> newThenSwap(List<ReadStatement> statements, int c, Change.CreateTable create) {
        String fresh = create.table().key();
        for (int r = c + 1; r < statements.size(); r++) {
            Optional<Name> renamedTo = renameOf(statements.get(r).change(), fresh);
            if (renamedTo.isEmpty()) {
                continue;
            }
            String old = renamedTo.get().key();
            int copy = copyBetween(statements, c, r, fresh, old);
            int drop = dropBetween(statements, copy, r, old);
            if (copy >= 0 && drop >= 0) {
                return Optional.of(new Rebuild(renamedTo.get(), create, Set.of(c, copy, drop, r), drop, c));
            }
        }
        return Optional.empty();
    }

    /** ALTER TABLE o RENAME TO t; CREATE TABLE o; INSERT INTO o ... FROM t; DROP TABLE t. */
    private static Optional<Rebuild> renameFirst(List<ReadStatement> statements, int c, Change.CreateTable create) {
        String table = create.table().key();
        for (int r = c - 1; r >= 0; r--) {
            if (!(statements.get(r).change() instanceof Change.AlterTable alter) || !alter.table().key().equals(table)) {
                continue;
            }
            Optional<Name> aside = renameOf(alter, table);
            if (aside.isEmpty()) {
                continue;
            }
            String old = aside.get().key();
            int copy = copyBetween(statements, c, statements.size(), table, old);
            int drop = dropBetween(statements, copy, statements.size(), old);
            if (copy >= 0 && drop >= 0) {
                return Optional.of(new Rebuild(create.table(), create, Set.of(r, c, copy, drop), drop, c));
            }
        }
        return Optional.empty();
    }

    private static Optional<Name> renameOf(Change change, String table) {
        if (change instanceof Change.AlterTable alter && alter.table().key().equals(table)
                && alter.actions().size() == 1 && alter.actions().get(0) instanceof AlterAction.RenameTable rename) {
            return Optional.of(rename.to());
        }
        return Optional.empty();
    }

    private static int copyBetween(List<ReadStatement> statements, int from, int to, String into, String source) {
        for (int i = from + 1; i < to; i++) {
            if (statements.get(i).change() instanceof Change.Insert insert && insert.table().key().equals(into)
                    && insert.selectFrom().map(Name::key).filter(source::equals).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    private static int dropBetween(List<ReadStatement> statements, int from, int to, String table) {
        if (from < 0) {
            return -1;
        }
        for (int i = from + 1; i < to; i++) {
            if (statements.get(i).change() instanceof Change.Drop drop && drop.type() == Change.ObjectType.TABLE
                    && drop.names().size() == 1 && drop.names().get(0).key().equals(table)) {
                return i;
            }
        }
        return -1;
    }
}
