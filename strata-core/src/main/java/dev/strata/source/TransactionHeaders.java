package dev.strata.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Other tools' ways of saying that a script must run outside a transaction, which strata honours
 * like its own {@code -- strata:no-transaction}: SQLx's {@code -- no-transaction} as the file's
 * first line, and dbmate's {@code transaction:false} on the section's {@code -- migrate:up} or
 * {@code -- migrate:down} line.
 */
public final class TransactionHeaders {

    private static final String SQLX = "-- no-transaction";
    private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^--\\s*migrate:(?:up|down)\\b(.*)$");

    private TransactionHeaders() {}

    /** Whether the script's text opts out of the transaction in SQLx's or dbmate's way. */
    public static boolean optsOut(String text) {
        if (SourceFiles.stripBom(text).startsWith(SQLX)) {
            return true;
        }
        Matcher marker = DBMATE_MARKER.matcher(text);
        // The first marker is the section's own: the up marker in an up script, the down marker in a
        // down script (whose earlier lines are blanked).
        return marker.find() && marker.group(1).contains("transaction:false");
    }
}
