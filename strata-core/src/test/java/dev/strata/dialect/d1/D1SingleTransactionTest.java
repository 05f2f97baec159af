package dev.strata.dialect.d1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.D1Address;
import dev.strata.config.HistoryMirror;
import dev.strata.dialect.HistorySettings;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Remote D1 says it can't apply a run in one transaction, so {@code migrate --single-transaction}
 * refuses it while planning. Asking sends no request: the address points nowhere.
 */
class D1SingleTransactionTest {

    @Test
    void aRemoteD1DatabaseRefusesOneTransactionForTheWholeRunAndSaysWhatToDo() {
        D1Client client = new D1Client(
                new D1Address(URI.create("http://127.0.0.1:9"), "account", "db", "d1_migrations", Optional.empty()),
                "token",
                "d1://account/db");
        D1Database database = new D1Database(
                client,
                "D1 database d1://account/db",
                new HistorySettings("strata_history", Optional.empty(), HistoryMirror.NONE),
                "d1_migrations");

        assertThat(database.singleTransactionRefusal())
                .get()
                .asString()
                .startsWith("D1 database d1://account/db is a D1 database")
                .contains("no transaction that spans requests")
                .contains("without --single-transaction");
    }
}
