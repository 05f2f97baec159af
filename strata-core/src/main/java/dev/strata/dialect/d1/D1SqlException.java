package dev.strata.dialect.d1;

/**
 * D1 refused the SQL of a request (Cloudflare error 7500): a syntax error, a missing table, a
 * constraint. Nothing of the request took effect, since D1 runs each request as one transaction.
 * Turned into a message that names the file and line by whoever sent the SQL.
 */
final class D1SqlException extends RuntimeException {

    D1SqlException(String databaseMessage) {
        super(databaseMessage);
    }

    /** What D1 said, without its error-code suffix. */
    String databaseMessage() {
        return getMessage();
    }
}
