package dev.strata.dialect.postgres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts objects in an order where each comes after the objects it uses, keeping the given (canonical)
 * order wherever dependencies allow, so the result is deterministic.
 *
 * <p>The model keeps a view's query as text, not as a list of what it reads, so dependencies
 * between views (and between types) are found by the names their text mentions. A name that only
 * appears in a string constant adds an ordering constraint that is not needed, which is harmless;
 * should that ever make a cycle, the objects in the cycle keep their canonical order.
 */
final class DependencyOrder {

    private static final Pattern IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")*)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private DependencyOrder() {}

    /**
     * @param items        in canonical order
     * @param dependencies the items an item needs before it (items outside {@code items} are ignored)
     */
    static <T> List<T> sort(List<T> items, Function<T, ? extends Iterable<T>> dependencies) {
        Map<T, Integer> position = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            position.put(items.get(i), i);
        }
        int[] waitingFor = new int[items.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        items.forEach(item -> dependents.add(new ArrayList<>()));
        for (int i = 0; i < items.size(); i++) {
            Set<Integer> needed = new HashSet<>();
            for (T dependency : dependencies.apply(items.get(i))) {
                Integer at = position.get(dependency);
                if (at != null && at != i && needed.add(at)) {
                    dependents.get(at).add(i);
                    waitingFor[i]++;
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < items.size(); i++) {
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        List<T> sorted = new ArrayList<>(items.size());
        boolean[] done = new boolean[items.size()];
        while (sorted.size() < items.size()) {
            if (ready.isEmpty()) {
                // A cycle: release the first item still waiting, in canonical order.
                for (int i = 0; i < items.size(); i++) {
                    if (!done[i]) {
                        waitingFor[i] = 0;
                        ready.add(i);
                        break;
                    }
                }
            }
            int next = ready.poll();
            if (done[next]) {
                continue;
            }
            done[next] = true;
            sorted.add(items.get(next));
            for (int dependent : dependents.get(next)) {
                if (!done[dependent] && --waitingFor[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        return sorted;
    }

    /**
     * Orders items whose SQL text mentions other items by name.
     *
     * @param name the item's own (unqualified) name
     * @param text the SQL text that may mention other items
     */
    static <T> List<T> sortByMentions(List<T> items, Function<T, String> name, Function<T, String> text) {
        Map<String, List<T>> byName = new HashMap<>();
        for (T item : items) {
            byName.computeIfAbsent(name.apply(item), key -> new ArrayList<>()).add(item);
        }
        return sort(items, item -> {
            List<T> mentioned = new ArrayList<>();
            for (String identifier : identifiers(text.apply(item))) {
                mentioned.addAll(byName.getOrDefault(identifier, List.of()));
            }
            return mentioned;
        });
    }

    /** The identifiers in SQL text as PostgreSQL folds them: unquoted ones lower-cased. */
    static Set<String> identifiers(String sql) {
        Set<String> found = new HashSet<>();
        Matcher matcher = IDENTIFIER.matcher(sql);
        while (matcher.find()) {
            found.add(
                    matcher.group(1) != null
                            ? matcher.group(1).replace("\"\"", "\"")
                            : matcher.group(2).toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
