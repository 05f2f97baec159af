package dev.strata.squash;

import dev.strata.StrataException;
import java.util.List;

/**
 * {@code strata squash} would not give a folder that builds what the old one built, or can't squash
 * this folder at all. Nothing was written; the message lists every reason and what to do.
 */
public final class SquashRefusedException extends StrataException {

    SquashRefusedException(String summary, List<String> reasons) {
        super(summary + System.lineSeparator() + "  - " + String.join(System.lineSeparator() + "  - ", reasons));
    }
}
