package dev.strata.imports;

import dev.strata.StrataException;

/** {@code strata import} could not write its files; nothing was written. */
public final class ImportException extends StrataException {

    public ImportException(String message) {
        super(message);
    }
}
