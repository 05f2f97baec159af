package dev.strata.sql;

import static dev.strata.sql.StatementKind.NO_TRANSACTION;
import static dev.strata.sql.StatementKind.ORDINARY;
import static dev.strata.sql.StatementKind.TRANSACTION_BEGIN;
import static dev.strata.sql.StatementKind.TRANSACTION_COMMIT;
import static dev.strata.sql.StatementKind.TRANSACTION_OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassificationTest {

    private static StatementKind postgres(String sql) {
        return kindOf(PostgresSplitter.INSTANCE, sql);
    }

    private static StatementKind sqlite(String sql) {
        return kindOf(SqliteSplitter.INSTANCE, sql);
    }

    private static StatementKind kindOf(SqlSplitter splitter, String sql) {
        SqlScript script = splitter.split("k.sql", sql);
        assertThat(script.statements()).hasSize(1);
        return script.statements().get(0).kind();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            BEGIN                                            | TRANSACTION_BEGIN
            begin                                            | TRANSACTION_BEGIN
            BEGIN WORK                                       | TRANSACTION_BEGIN
            BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE   | TRANSACTION_BEGIN
            /* c */ Begin -- c                               | TRANSACTION_BEGIN
            START TRANSACTION READ ONLY                      | TRANSACTION_BEGIN
            COMMIT                                           | TRANSACTION_COMMIT
            COMMIT WORK                                      | TRANSACTION_COMMIT
            commit transaction                               | TRANSACTION_COMMIT
            COMMIT AND CHAIN                                 | TRANSACTION_COMMIT
            END                                              | TRANSACTION_COMMIT
            END TRANSACTION                                  | TRANSACTION_COMMIT
            END WORK                                         | TRANSACTION_COMMIT
            ROLLBACK                                         | TRANSACTION_OTHER
            ROLLBACK TO SAVEPOINT s                          | TRANSACTION_OTHER
            ABORT                                            | TRANSACTION_OTHER
            SAVEPOINT s                                      | TRANSACTION_OTHER
            RELEASE SAVEPOINT s                              | TRANSACTION_OTHER
            RELEASE s                                        | TRANSACTION_OTHER
            PREPARE TRANSACTION 'tx1'                        | TRANSACTION_OTHER
            COMMIT PREPARED 'tx1'                            | TRANSACTION_OTHER
            ROLLBACK PREPARED 'tx1'                          | TRANSACTION_OTHER
            PREPARE q AS SELECT $1                           | ORDINARY
            START something                                  | ORDINARY
            CREATE INDEX CONCURRENTLY i ON t (x)             | NO_TRANSACTION
            create unique index concurrently i ON t (x)      | NO_TRANSACTION
            CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t(x)| NO_TRANSACTION
            DROP INDEX CONCURRENTLY i                        | NO_TRANSACTION
            DROP INDEX CONCURRENTLY IF EXISTS i              | NO_TRANSACTION
            REINDEX INDEX CONCURRENTLY i                     | NO_TRANSACTION
            REINDEX (CONCURRENTLY, VERBOSE) TABLE t          | NO_TRANSACTION
            REINDEX TABLE CONCURRENTLY t                     | NO_TRANSACTION
            REINDEX DATABASE app                             | NO_TRANSACTION
            REINDEX SCHEMA public                            | NO_TRANSACTION
            REINDEX (VERBOSE) SYSTEM app                     | NO_TRANSACTION
            REINDEX SYSTEM                                   | NO_TRANSACTION
            VACUUM                                           | NO_TRANSACTION
            VACUUM (ANALYZE) t                               | NO_TRANSACTION
            ALTER SYSTEM SET work_mem = '64MB'               | NO_TRANSACTION
            CREATE DATABASE other                            | NO_TRANSACTION
            DROP DATABASE IF EXISTS other                    | NO_TRANSACTION
            ALTER DATABASE app SET TABLESPACE fast           | NO_TRANSACTION
            CREATE TABLESPACE fast LOCATION '/ssd'           | NO_TRANSACTION
            DROP TABLESPACE fast                             | NO_TRANSACTION
            CLUSTER                                          | NO_TRANSACTION
            CLUSTER VERBOSE                                  | NO_TRANSACTION
            CLUSTER (VERBOSE)                                | NO_TRANSACTION
            CREATE SUBSCRIPTION s CONNECTION 'c' PUBLICATION p | NO_TRANSACTION
            ALTER SUBSCRIPTION s REFRESH PUBLICATION         | NO_TRANSACTION
            DROP SUBSCRIPTION s                              | NO_TRANSACTION
            ALTER TABLE p DETACH PARTITION c CONCURRENTLY    | NO_TRANSACTION
            CREATE INDEX i ON t (x)                          | ORDINARY
            CREATE UNIQUE INDEX i ON t (x)                   | ORDINARY
            DROP INDEX i                                     | ORDINARY
            REINDEX TABLE t                                  | ORDINARY
            REINDEX (VERBOSE) INDEX i                        | ORDINARY
            REINDEX TABLE "concurrently"                     | ORDINARY
            ALTER DATABASE app SET search_path = s           | ORDINARY
            ALTER DATABASE app SET default_tablespace = x    | ORDINARY
            ALTER TABLE p DETACH PARTITION c                 | ORDINARY
            CLUSTER t USING i                                | ORDINARY
            CLUSTER VERBOSE t                                | ORDINARY
            SELECT begin, "end" FROM spans                   | ORDINARY
            SELECT CASE WHEN true THEN 1 END                 | ORDINARY
            SELECT 'VACUUM'                                  | ORDINARY
            -- VACUUM\\nSELECT 1                             | ORDINARY
            "vacuum"                                         | ORDINARY
            DO $$ BEGIN COMMIT; END $$                       | ORDINARY
            CREATE TABLE t (id int)                          | ORDINARY
            """)
    void postgresKinds(String sql, StatementKind expected) {
        assertThat(postgres(sql.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            BEGIN                                | TRANSACTION_BEGIN
            BEGIN TRANSACTION                    | TRANSACTION_BEGIN
            BEGIN DEFERRED                       | TRANSACTION_BEGIN
            begin immediate transaction          | TRANSACTION_BEGIN
            BEGIN EXCLUSIVE                      | TRANSACTION_BEGIN
            COMMIT                               | TRANSACTION_COMMIT
            COMMIT TRANSACTION                   | TRANSACTION_COMMIT
            END                                  | TRANSACTION_COMMIT
            END TRANSACTION                      | TRANSACTION_COMMIT
            ROLLBACK                             | TRANSACTION_OTHER
            ROLLBACK TRANSACTION TO SAVEPOINT s  | TRANSACTION_OTHER
            SAVEPOINT s                          | TRANSACTION_OTHER
            RELEASE SAVEPOINT s                  | TRANSACTION_OTHER
            RELEASE s                            | TRANSACTION_OTHER
            VACUUM                               | NO_TRANSACTION
            vacuum main                          | NO_TRANSACTION
            VACUUM INTO 'backup.db'              | NO_TRANSACTION
            CREATE INDEX i ON t (x)              | ORDINARY
            CREATE INDEX CONCURRENTLY i ON t (x) | ORDINARY
            CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END | ORDINARY
            SELECT begin FROM t                  | ORDINARY
            SELECT CASE WHEN 1 THEN 2 END        | ORDINARY
            [vacuum]                             | ORDINARY
            PRAGMA foreign_keys = ON             | ORDINARY
            """)
    void sqliteKinds(String sql, StatementKind expected) {
        assertThat(sqlite(sql)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END | ORDINARY
            CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC COMMIT; END | ORDINARY
            """)
    void routinesWithBodiesAreOrdinary(String sql, StatementKind expected) {
        assertThat(postgres(sql)).isEqualTo(expected);
    }

    @Test
    void eachStatementOfAFileGetsItsOwnKind() {
        String text = "BEGIN; CREATE INDEX CONCURRENTLY i ON t(x); SAVEPOINT s; COMMIT";
        assertThat(PostgresSplitter.INSTANCE.split("k.sql", text).statements())
                .extracting(Statement::kind)
                .containsExactly(TRANSACTION_BEGIN, NO_TRANSACTION, TRANSACTION_OTHER, TRANSACTION_COMMIT);
        assertThat(SqliteSplitter.INSTANCE.split("k.sql", text).statements())
                .extracting(Statement::kind)
                .containsExactly(TRANSACTION_BEGIN, ORDINARY, TRANSACTION_OTHER, TRANSACTION_COMMIT);
    }
}
