package dev.strata.sql;

/**
 * Decides a statement's {@link StatementKind} from its leading keywords. Transaction control reads
 * the same in both dialects; only the list of statements that refuse a transaction differs.
 */
final class StatementClassifier {

    private final SqlSyntax dialect;

    StatementClassifier(SqlSyntax dialect) {
        this.dialect = dialect;
    }

    StatementKind classify(Words words) {
        StatementKind control = transactionControl(words);
        if (control != null) {
            return control;
        }
        return dialect.needsNoTransaction(words) ? StatementKind.NO_TRANSACTION : StatementKind.ORDINARY;
    }

    /**
     * A statement that opens with BEGIN is always transaction control here: compound bodies (a
     * trigger's or a BEGIN ATOMIC routine's) only ever appear after CREATE, never first.
     */
    private static StatementKind transactionControl(Words words) {
        if (words.is(0, "BEGIN")) {
            return StatementKind.TRANSACTION_BEGIN;
        }
        if (words.is(0, "START") && words.is(1, "TRANSACTION")) {
            return StatementKind.TRANSACTION_BEGIN;
        }
        if (words.isAny(0, "COMMIT", "ROLLBACK") && words.is(1, "PREPARED")) {
            return StatementKind.TRANSACTION_OTHER;
        }
        if (words.isAny(0, "COMMIT", "END")) {
            return StatementKind.TRANSACTION_COMMIT;
        }
        if (words.isAny(0, "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE")) {
            return StatementKind.TRANSACTION_OTHER;
        }
        if (words.is(0, "PREPARE") && words.is(1, "TRANSACTION")) {
            return StatementKind.TRANSACTION_OTHER;
        }
        return null;
    }
}
