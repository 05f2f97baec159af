package dev.strata.dialect;

import dev.strata.StrataException;

/**
 * A migration or down script whose statements wrote strata's history (or its format table): the
 * history decides what runs next, so a script that edits it could make a migration run twice or
 * none ever again. Lint's {@code history-write} rule reports such statements before they run.
 */
public final class HistoryTamperedException extends StrataException {

    public HistoryTamperedException(String source, String what, String outcome) {
        super(source + ": its statements " + what + "; the history is strata's own and no migration may write it"
                + " (strata records each migration itself). " + outcome);
    }
}
