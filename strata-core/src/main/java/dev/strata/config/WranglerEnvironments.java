package dev.strata.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environments a wrangler config gives a project that names none itself: the D1 database of
 * each {@code [env.NAME]} block is environment NAME ({@code d1:BINDING?env=NAME}), the top-level one
 * is {@code remote} ({@code d1:BINDING}, what {@code wrangler --remote} reaches without {@code --env})
 * and its local copy is {@code local} ({@code d1-local:BINDING}, what {@code wrangler --local} reaches).
 *
 * <p>One binding is followed through the config: the first top-level database's (else the first
 * environment's). A level that has no database with that binding but exactly one other D1 database
 * gives that one; a level with none, or several others, gives no environment. A wrangler
 * environment called {@code remote} or {@code local} takes the name before strata's own.
 */
final class WranglerEnvironments {

    static final String REMOTE = "remote";
    static final String LOCAL = "local";

    private WranglerEnvironments() {}

    /** Environment name to URL, in the order to show them: remote, the [env.*] blocks in file order, local. */
    static Map<String, String> of(WranglerConfig config) {
        Optional<String> binding = config.databases().stream()
                .findFirst()
                .map(WranglerD1Database::binding)
                .or(() -> config.environments().values().stream()
                        .flatMap(List::stream)
                        .findFirst()
                        .map(WranglerD1Database::binding));
        Map<String, String> urls = new LinkedHashMap<>();
        if (binding.isEmpty()) {
            return urls;
        }
        Optional<WranglerD1Database> top = pick(config.databases(), binding.get());
        Map<String, String> blocks = new LinkedHashMap<>();
        config.environments()
                .forEach((name, databases) -> pick(databases, binding.get())
                        .ifPresent(d1 -> blocks.put(name, D1RemoteDatabases.PREFIX + d1.binding() + "?env=" + name)));
        top.filter(d1 -> !blocks.containsKey(REMOTE))
                .ifPresent(d1 -> urls.put(REMOTE, D1RemoteDatabases.PREFIX + d1.binding()));
        urls.putAll(blocks);
        top.filter(d1 -> !blocks.containsKey(LOCAL))
                .ifPresent(d1 -> urls.put(LOCAL, D1LocalDatabases.PREFIX + d1.binding()));
        return urls;
    }

    private static Optional<WranglerD1Database> pick(List<WranglerD1Database> databases, String binding) {
        return databases.stream()
                .filter(d1 -> d1.binding().equals(binding))
                .findFirst()
                .or(() -> databases.size() == 1 ? Optional.of(databases.get(0)) : Optional.empty());
    }
}
