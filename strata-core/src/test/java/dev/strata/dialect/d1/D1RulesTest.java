package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.ScriptPreparer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What remote D1 refuses, found in real migration text by the d1 dialect before anything is sent. */
class D1RulesTest {

    private static List<String> problems(String sql) {
        ScriptPreparer.Prepared prepared =
                ScriptPreparer.prepareToRun("migrations/0002_x.sql", sql, D1Dialect.INSTANCE.splitter());
        assertThat(prepared.problems()).as("the file itself is valid SQLite").isEmpty();
        return D1Dialect.INSTANCE.unsupported(prepared.script());
    }

    @Test
    void anOrdinaryMigrationPasses() {
        assertThat(problems("CREATE TABLE a (id INTEGER PRIMARY KEY);\nPRAGMA defer_foreign_keys = on;\n"
                        + "INSERT INTO a VALUES (1);"))
                .isEmpty();
    }

    @Test
    void pragmaForeignKeysIsRefusedWithTheDeferredAlternative() {
        assertThat(problems("CREATE TABLE a (id INTEGER);\nPRAGMA foreign_keys = OFF;\n"))
                .singleElement()
                .asString()
                .startsWith("migrations/0002_x.sql:2: PRAGMA foreign_keys = OFF: D1 ignores PRAGMA foreign_keys")
                .contains("PRAGMA defer_foreign_keys = on");
        assertThat(problems("PRAGMA main.foreign_keys=0;")).hasSize(1);
        assertThat(problems("-- PRAGMA foreign_keys = OFF in a comment\nSELECT 'PRAGMA foreign_keys';"))
                .isEmpty();
    }

    @Test
    void foreignKeysOffIsRefusedWithWhatStrataAlterWritesForD1() {
        assertThat(problems("-- strata:foreign-keys off\nCREATE TABLE a (id INTEGER);\n"))
                .singleElement()
                .asString()
                .contains("'-- strata:foreign-keys off' can't work on remote D1")
                .contains("target = \"d1\"")
                .contains("PRAGMA defer_foreign_keys = on");
    }

    @Test
    void statementsOverOneHundredKilobytesAreRefusedNamingTheLimit() {
        String big = "INSERT INTO a VALUES ('" + "x".repeat(100_001) + "');";
        assertThat(problems("CREATE TABLE a (v TEXT);\n" + big))
                .singleElement()
                .asString()
                .startsWith("migrations/0002_x.sql:2: the statement is 100026 bytes long")
                .contains("100,000 bytes (100 KB) per SQL statement");
        assertThat(problems("INSERT INTO a VALUES ('" + "x".repeat(99_000) + "');"))
                .isEmpty();
    }

    @Test
    void batchesOverTheQueryLimitAreRefused() {
        String many = "SELECT 1;\n".repeat(997);
        assertThat(problems(many))
                .singleElement()
                .asString()
                .contains("997 statements make a request of 1001 queries, more than the 1000");
        assertThat(problems("SELECT 1;\n".repeat(996))).isEmpty();
    }

    @Test
    void transactionControlAndCfTablesAreRefused() {
        // The preparer refuses transaction control inside any body; the d1 rules refuse it on their own too.
        dev.strata.dialect.ExecutableScript savepoint = new dev.strata.dialect.ExecutableScript(
                "m.sql",
                List.of(new dev.strata.sql.Statement(
                        "SAVEPOINT s", 3, 1, dev.strata.sql.StatementKind.TRANSACTION_OTHER)),
                true);
        assertThat(D1Dialect.INSTANCE.unsupported(savepoint))
                .singleElement()
                .asString()
                .startsWith("m.sql:3: SAVEPOINT s: D1 refuses BEGIN, COMMIT, ROLLBACK and SAVEPOINT");
        assertThat(problems("SELECT * FROM _cf_KV;"))
                .singleElement()
                .asString()
                .contains("_cf_kv is one of D1's internal _cf_ tables");
        assertThat(problems("DROP TABLE \"_cf_METADATA\";")).hasSize(1);
        assertThat(problems("SELECT '_cf_KV';")).as("a string is not a table").isEmpty();
    }

    @Test
    void noTransactionAndVerifyAreRefusedRatherThanRunDifferently() {
        assertThat(problems("-- strata:no-transaction\nCREATE TABLE a (id INTEGER);\n"))
                .singleElement()
                .asString()
                .contains("'-- strata:no-transaction' can't be honoured on remote D1");
        assertThat(problems("CREATE TABLE a (id INTEGER);\n-- strata:verify SELECT 1 WHERE 0\n"))
                .singleElement()
                .asString()
                .startsWith("migrations/0002_x.sql:2: '-- strata:verify' is not run");
    }
}
