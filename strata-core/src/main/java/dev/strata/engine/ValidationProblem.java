package dev.strata.engine;

/**
 * One thing {@code strata validate} found wrong.
 *
 * @param kind     a stable word for machines: {@code source}, {@code syntax}, {@code changed},
 *                 {@code missing}, {@code failed}, {@code out-of-order}
 * @param message  the sentence for people, starting with file:line where there is one
 */
public record ValidationProblem(String kind, String message) {}
