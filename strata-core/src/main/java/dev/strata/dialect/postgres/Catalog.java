package dev.strata.dialect.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** SQL pieces the catalog readers share. */
final class Catalog {

    /** Namespaces that hold user objects. {@code n} is the pg_namespace row. */
    static final String USER_NAMESPACE = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";

    /**
     * The session's current schema alone, for a database that is one schema among others (a
     * fleet's tenant): the readers narrow search_path to it, so it needs no literal.
     */
    static final String CURRENT_NAMESPACE = USER_NAMESPACE + " AND n.nspname = current_schema()";

    /** The namespaces read: every user schema, or with {@code oneSchema} the current one alone. */
    static String userNamespace(boolean oneSchema) {
        return oneSchema ? CURRENT_NAMESPACE : USER_NAMESPACE;
    }

    private Catalog() {}

    /** SQL that is true when the object {@code oid} of catalog {@code catalog} is not an extension member. */
    static String notInExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass" + " AND e.objid = "
                + oid + " AND e.deptype = 'e')";
    }

    /** Runs a query whose statement closes with its result set. */
    static ResultSet query(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        return statement.executeQuery();
    }
}
