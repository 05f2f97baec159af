package dev.strata.lint;

import dev.strata.ddl.Change;
import dev.strata.ddl.Name;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule may know while it reads one statement: the statement, the rest of its file, and the
 * schema as it stands just before the statement runs.
 *
 * @param target         the engine the migrations are written for
 * @param file           the file as shown in messages
 * @param statements     every statement of the file
 * @param index          which of them is being read
 * @param catalog        the schema just before this statement (read only, please)
 * @param atFileStart    the schema before the file's first statement
 * @param createdInFile  keys of the tables (and materialized views) this file created before this statement
 * @param addedColumns   {@code table.column} keys of the columns this file added before this statement
 * @param lockTimeoutSet the file set PostgreSQL's lock_timeout before this statement
 * @param lockTaken      an earlier statement of the file already took a strong lock on a table that
 *                       existed before the file
 * @param rebuilds       the table rebuilds of the file
 * @param transactional  the file runs in one transaction (no {@code -- strata:no-transaction})
 * @param foreignKeysOff the file asks strata to run it with foreign keys unenforced
 *                       ({@code -- strata:foreign-keys off}), which SQLite honours and D1 can't
 * @param historyTables  the tables of strata's history, lower case ({@link LintSettings#historyTables})
 */
record StatementContext(
        LintTarget target,
        String file,
        List<ReadStatement> statements,
        int index,
        Catalog catalog,
        Catalog atFileStart,
        Set<String> createdInFile,
        Set<String> addedColumns,
        boolean lockTimeoutSet,
        boolean lockTaken,
        List<Rebuild> rebuilds,
        boolean transactional,
        boolean foreignKeysOff,
        Set<String> historyTables) {

    ReadStatement statement() {
        return statements.get(index);
    }

    Change change() {
        return statement().change();
    }

    /**
     * True when the table stood before this migration: it was not created earlier in this file. A
     * table nobody has heard of counts as existing, because the statement could not work otherwise.
     */
    boolean existedBefore(Name table) {
        return !createdInFile.contains(table.key());
    }

    /** True when the column stood before this migration: its table did, and this file did not add it. */
    boolean columnExistedBefore(Name table, String column) {
        return existedBefore(table) && !addedColumns.contains(table.key() + "." + Catalog.key(column));
    }

    /** The rebuild this statement is a step of, if any. */
    Optional<Rebuild> rebuild() {
        return rebuilds.stream().filter(r -> r.steps().contains(index)).findFirst();
    }

    /** The statements after this one in the file. */
    List<ReadStatement> later() {
        return statements.subList(index + 1, statements.size());
    }
}
