package dev.strata.junit;

/** The annotation, on SQLite (its default engine). */
@StrataTest(migrations = MigratedDatabaseContract.MIGRATIONS)
class SqliteStrataTest extends MigratedDatabaseContract {}
