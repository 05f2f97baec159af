package dev.strata.dialect;

import dev.strata.history.AppliedMigration;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Another tool's history table that a session keeps in step with strata's, in the same transaction
 * as strata's own row ({@code [migrations] history = "d1"}: wrangler's d1_migrations).
 */
public interface MirrorTable {

    /** Creates the table when missing, exactly as the other tool would. */
    void create(Connection connection) throws SQLException;

    /** Records a migration strata applied (or baselined, or adopted); nothing when it is there already. */
    void recorded(Connection connection, AppliedMigration row) throws SQLException;

    /** Forgets a migration strata reverted. */
    void removed(Connection connection, AppliedMigration row) throws SQLException;

    /** No other table: strata's history only. */
    MirrorTable NONE = new MirrorTable() {
        @Override
        public void create(Connection connection) {}

        @Override
        public void recorded(Connection connection, AppliedMigration row) {}

        @Override
        public void removed(Connection connection, AppliedMigration row) {}
    };
}
