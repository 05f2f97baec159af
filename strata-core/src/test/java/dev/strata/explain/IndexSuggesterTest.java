package dev.strata.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexSuggesterTest {

    private static final List<String> ORDERS = List.of("id", "customer_id", "status", "created_at", "total");

    private static String suggest(String sql, String alias) {
        return IndexSuggester.suggest(sql, "orders", alias, ORDERS).orElse(null);
    }

    @Test
    void equalityColumnsComeBeforeOneRangeColumn() {
        assertThat(suggest(
                        "SELECT * FROM orders WHERE created_at > ? AND status = 'open' AND customer_id IN (1, 2)"
                                + " AND total BETWEEN 1 AND 5",
                        null))
                .isEqualTo("CREATE INDEX ix_orders_status_customer_id_created_at ON orders"
                        + " (status, customer_id, created_at)");
    }

    @Test
    void joinColumnsOfTheScannedTableCountAsEquality() {
        assertThat(suggest("SELECT c.email FROM customers c JOIN orders o ON c.id = o.customer_id", "o"))
                .isEqualTo("CREATE INDEX ix_orders_customer_id ON orders (customer_id)");
    }

    @Test
    void columnsOfOtherTablesAndAssignmentsAreIgnored() {
        assertThat(suggest("UPDATE orders SET status = 'x', total = 0 WHERE customer_id = 3", null))
                .isEqualTo("CREATE INDEX ix_orders_customer_id ON orders (customer_id)");
        assertThat(suggest("SELECT * FROM orders o JOIN customers c ON c.id = 1 WHERE c.status = 'vip'", "o"))
                .isNull();
    }

    @Test
    void stringsAndCommentsAreNotColumns() {
        assertThat(suggest("SELECT * FROM orders WHERE 'status = 1' = note -- status = 2\n AND total < 3", null))
                .isEqualTo("CREATE INDEX ix_orders_total ON orders (total)");
    }

    @Test
    void withoutAFilterTheOrderByColumnsAreSuggested() {
        assertThat(suggest("SELECT * FROM orders ORDER BY created_at DESC LIMIT 10", null))
                .isEqualTo("CREATE INDEX ix_orders_created_at ON orders (created_at)");
        assertThat(suggest("SELECT count(*) FROM orders", null)).isNull();
    }

    @Test
    void namesThatNeedQuotesAreQuoted() {
        assertThat(IndexSuggester.suggest(
                        "SELECT * FROM \"Order Lines\" WHERE \"Sku\" = 1", "Order Lines", null, List.of("Sku")))
                .contains("CREATE INDEX \"ix_order lines_sku\" ON \"Order Lines\" (\"Sku\")");
    }
}
