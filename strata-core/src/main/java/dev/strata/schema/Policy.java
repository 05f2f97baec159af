package dev.strata.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A row-level security policy of a table (PostgreSQL CREATE POLICY).
 *
 * @param permissive PERMISSIVE (true) or RESTRICTIVE
 * @param command    ALL, SELECT, INSERT, UPDATE or DELETE
 * @param roles      the roles it applies to, sorted; {@code public} for everyone
 * @param using      the USING expression, or null
 * @param withCheck  the WITH CHECK expression, or null
 */
public record Policy(
        QualifiedName table,
        String name,
        boolean permissive,
        String command,
        List<String> roles,
        String using,
        String withCheck) {

    public Policy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        roles = CanonicalOrder.sorted(roles, Comparator.naturalOrder());
    }
}
