package dev.strata.schema;

import java.util.Objects;

/**
 * One privilege granted on a table, view or one of their columns (PostgreSQL GRANT). The owner's
 * own privileges are not grants: they come with owning the object.
 *
 * @param object    the table or view
 * @param column    the column for a column privilege ({@code GRANT UPDATE (email) ON users}), or null
 * @param grantee   the role, or {@code PUBLIC}
 * @param privilege SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, ...
 * @param grantable WITH GRANT OPTION
 */
public record Grant(QualifiedName object, String column, String grantee, String privilege, boolean grantable) {

    public Grant {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(privilege, "privilege");
    }

    /** What tells grants apart: object, column, grantee and privilege. */
    String key() {
        return object + "\0" + (column == null ? "" : column) + "\0" + grantee + "\0" + privilege;
    }
}
