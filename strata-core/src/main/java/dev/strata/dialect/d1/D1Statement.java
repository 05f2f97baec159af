package dev.strata.dialect.d1;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a request to D1's REST API: the SQL and the values of its {@code ?} parameters,
 * sent as strings as the API documents them (SQLite's column affinity stores {@code "12"} in an
 * INTEGER column as 12).
 */
public record D1Statement(String sql, List<String> params) {

    public D1Statement {
        Objects.requireNonNull(sql, "sql");
        params = List.copyOf(params);
    }

    public static D1Statement of(String sql, String... params) {
        return new D1Statement(sql, List.of(params));
    }
}
