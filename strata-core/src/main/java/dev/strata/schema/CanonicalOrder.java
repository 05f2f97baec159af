package dev.strata.schema;

import java.util.Comparator;
import java.util.List;

/** Sorting helpers that give every list of the model one order, whatever order the engine reported. */
final class CanonicalOrder {

    private CanonicalOrder() {}

    static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        return items.stream().sorted(order).toList();
    }

    /** A sort key that puts unnamed (null) objects first. */
    static String nullFirst(String name) {
        return name == null ? "" : "\u0001" + name;
    }
}
