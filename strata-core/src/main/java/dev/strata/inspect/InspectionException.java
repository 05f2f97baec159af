package dev.strata.inspect;

import dev.strata.StrataException;
import java.util.List;

/**
 * A schema inspection could not be computed from what is in the folder and the history, e.g. an
 * applied migration whose file is gone. The message lists every reason and what to do.
 */
public final class InspectionException extends StrataException {

    InspectionException(String summary, List<String> reasons) {
        super(summary + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", reasons));
    }
}
