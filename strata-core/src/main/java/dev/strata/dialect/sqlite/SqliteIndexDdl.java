package dev.strata.dialect.sqlite;

import dev.strata.dialect.IndexDdl;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;

/** SQLite builds and drops an index inside the migration's transaction; there is nothing to gain outside it. */
final class SqliteIndexDdl implements IndexDdl {

    static final SqliteIndexDdl INSTANCE = new SqliteIndexDdl();

    private final SqliteSchemaWriter writer = SqliteSchemaWriter.INSTANCE;

    private SqliteIndexDdl() {}

    @Override
    public String create(Index index) {
        return writer.createIndex(index);
    }

    @Override
    public String drop(QualifiedName name) {
        return "DROP INDEX IF EXISTS " + (name.schema().equals("main") ? "" : writer.quote(name.schema()) + ".")
                + writer.quote(name.name());
    }

    @Override
    public boolean transactional() {
        return true;
    }
}
