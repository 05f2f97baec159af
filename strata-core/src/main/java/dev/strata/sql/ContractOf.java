package dev.strata.sql;

import java.util.List;
import java.util.Optional;

/**
 * The {@code -- strata:contract-of VERSION} directive: this migration is the contract half of an
 * expand/contract change whose expand half is migration {@code VERSION} ({@code strata alter
 * --online} writes the pair). It drops what the old application code still uses, so {@code migrate}
 * holds it back until it is asked for, and the linter reads the two halves as one change. Read the
 * same way by the runner, the status and the linter.
 *
 * @param expandVersion the expand migration's version as written, e.g. {@code 0002}
 * @param line          the directive's line
 */
public record ContractOf(String expandVersion, int line) {

    public static final String DIRECTIVE = "contract-of";

    /** The file's directive, when it has one in its header with a version after it. */
    public static Optional<ContractOf> in(List<Directive> directives) {
        return directives.stream()
                .filter(d -> d.name().equals(DIRECTIVE) && d.inHeader() && isVersion(d.argument()))
                .findFirst()
                .map(d -> new ContractOf(d.argument(), d.line()));
    }

    /**
     * Reads the directive from a migration's text; empty when it has none or can't be split (the
     * runner and the linter report such files on their own). Texts without the directive's name are
     * not split at all, so asking of every file of a long history costs a string search each.
     */
    public static Optional<ContractOf> read(SqlSplitter splitter, String source, String text) {
        if (!text.contains("strata:" + DIRECTIVE)) {
            return Optional.empty();
        }
        try {
            return in(splitter.split(source, text).directives());
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with a {@code contract-of} directive, for the runner's refusal; empty when it is right. */
    public static Optional<String> problem(String source, Directive directive) {
        String where = source + ":" + directive.line() + ": '-- strata:" + DIRECTIVE + "'";
        if (!directive.inHeader()) {
            return Optional.of(where + " must stand before the first statement of the file");
        }
        if (!isVersion(directive.argument())) {
            return Optional.of(where + " takes the version of the expand migration, e.g. -- strata:" + DIRECTIVE
                    + " 0002 (found '" + directive.argument() + "')");
        }
        return Optional.empty();
    }

    private static boolean isVersion(String argument) {
        return argument.matches("\\d+(\\.\\d+)*");
    }
}
