package dev.strata.dialect;

import dev.strata.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A script ready to run: split, checked, and stripped of a BEGIN ... COMMIT pair that wrapped it.
 *
 * @param source         the file as shown in messages
 * @param statements     what to execute, in order
 * @param transactional  false when the file asked for {@code -- strata:no-transaction}
 */
public record ExecutableScript(String source, List<Statement> statements, boolean transactional) {

    public ExecutableScript {
        Objects.requireNonNull(source, "source");
        statements = List.copyOf(statements);
    }
}
