package dev.strata.refactor;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a generated migration, before {@link Refactorer} lays them out as a file.
 *
 * @param explanation    comment lines for the header, saying what the migration does and why in this way
 * @param directives     header directives without the {@code -- strata:} prefix, e.g. {@code foreign-keys off}
 * @param statements     the statements in order, each without its semicolon; a statement may begin
 *                       with {@code --} comment lines that explain it
 * @param verifications  the {@code -- strata:verify} queries, each on one line
 * @param concurrentIndexes statements for a migration of their own, outside a transaction, that runs after
 *                       this one and before {@code followUp}: PostgreSQL's CREATE UNIQUE INDEX CONCURRENTLY,
 *                       which lets writes go on while it builds; empty when none
 * @param followUp       statements for a last migration, e.g. PostgreSQL's VALIDATE CONSTRAINT, which
 *                       takes a lighter lock when it runs in a transaction of its own, or ADD CONSTRAINT
 *                       ... USING INDEX of an index built concurrently; empty when none
 * @param notices        sentences for the person running {@code strata alter}
 */
public record AlterScript(
        List<String> explanation,
        List<String> directives,
        List<String> statements,
        List<String> verifications,
        List<String> concurrentIndexes,
        List<String> followUp,
        List<String> notices) {

    public AlterScript {
        explanation = List.copyOf(explanation);
        directives = List.copyOf(directives);
        statements = List.copyOf(statements);
        verifications = List.copyOf(verifications);
        concurrentIndexes = List.copyOf(concurrentIndexes);
        followUp = List.copyOf(followUp);
        notices = List.copyOf(notices);
        for (String verification : verifications) {
            if (verification.contains("\n")) {
                throw new IllegalArgumentException("a verification is one line: " + verification);
            }
        }
    }

    /** A script without indexes built concurrently. */
    public AlterScript(
            List<String> explanation,
            List<String> directives,
            List<String> statements,
            List<String> verifications,
            List<String> followUp,
            List<String> notices) {
        this(explanation, directives, statements, verifications, List.of(), followUp, notices);
    }

    /** This script's parts followed by {@code next}'s, directives merged. */
    public AlterScript then(AlterScript next) {
        List<String> mergedDirectives = new ArrayList<>(directives);
        next.directives.stream().filter(d -> !mergedDirectives.contains(d)).forEach(mergedDirectives::add);
        return new AlterScript(
                concat(explanation, next.explanation),
                mergedDirectives,
                concat(statements, next.statements),
                concat(verifications, next.verifications),
                concat(concurrentIndexes, next.concurrentIndexes),
                concat(followUp, next.followUp),
                concat(notices, next.notices));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
