package dev.strata.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code strata import} did.
 *
 * @param written the files written, in version order
 * @param notes   what was changed or needs a look, one sentence each with the source line
 */
public record ImportResult(List<Path> written, List<String> notes) {

    public ImportResult {
        written = List.copyOf(written);
        notes = List.copyOf(notes);
    }
}
