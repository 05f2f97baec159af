package dev.strata.cli.commands;

import dev.strata.schema.NotCompared;
import dev.strata.schema.SchemaChange;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small formatting helpers the schema commands share. */
public final class Output {

    private Output() {}

    public static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("x") ? "es" : "s");
    }

    /** A schema change as JSON: {@code change}, {@code kind}, {@code table}, {@code name}, {@code aspect}, values. */
    static Map<String, Object> change(SchemaChange change, String beforeKey, String afterKey) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("change", change.change().name().toLowerCase(Locale.ROOT));
        item.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
        item.put("table", change.table());
        item.put("name", change.name());
        item.put("aspect", change.aspect());
        item.put(beforeKey, change.before());
        item.put(afterKey, change.after());
        item.put("description", change.describe());
        return item;
    }

    /** {@code not compared: event trigger log_ddl, rule r on t}, or nothing when the model describes everything. */
    static java.util.Optional<String> notCompared(List<NotCompared> skipped) {
        return skipped.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of("not compared: "
                        + String.join(
                                ", ",
                                skipped.stream().map(NotCompared::describe).toList()));
    }

    /** What the schema model left out, as JSON objects with {@code kind} and {@code name}. */
    static List<Map<String, Object>> notComparedJson(List<NotCompared> skipped) {
        return skipped.stream()
                .map(item -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("kind", item.kind());
                    entry.put("name", item.name());
                    return entry;
                })
                .toList();
    }

    /** A file named on the command line: relative to the project folder ({@code -C}), like every other path. */
    static Path resolve(Path projectDir, Path file) {
        return projectDir.resolve(file).normalize();
    }

    /** A path as shown to the user: as given, or relative to the project folder when it is inside it. */
    static String display(Path projectDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path base = projectDir.toAbsolutePath().normalize();
        return (absolute.startsWith(base) ? base.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }
}
