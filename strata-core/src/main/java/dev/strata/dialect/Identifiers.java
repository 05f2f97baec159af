package dev.strata.dialect;

/** Quoting of identifiers; both engines use SQL-standard double quotes. */
public final class Identifiers {

    private Identifiers() {}

    /** {@code "name"}, with embedded double quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
