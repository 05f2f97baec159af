package dev.strata.dialect.postgres;

import dev.strata.dialect.IndexDdl;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;

/**
 * {@code CREATE INDEX CONCURRENTLY} and {@code DROP INDEX CONCURRENTLY}: neither blocks writes to
 * the table while it runs, and neither may run inside a transaction.
 */
final class PostgresIndexDdl implements IndexDdl {

    static final PostgresIndexDdl INSTANCE = new PostgresIndexDdl();

    private PostgresIndexDdl() {}

    @Override
    public String create(Index index) {
        String sql = PostgresSchemaWriter.INSTANCE.createIndex(index);
        String head = index.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
        int at = sql.indexOf(head);
        return sql.substring(0, at) + head + "CONCURRENTLY " + sql.substring(at + head.length());
    }

    @Override
    public String drop(QualifiedName name) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + PostgresNames.quote(name.schema()) + "."
                + PostgresNames.quote(name.name());
    }

    @Override
    public boolean transactional() {
        return false;
    }
}
