package dev.strata.cli.commands;

import dev.strata.cli.Console;
import dev.strata.cli.ExitCodes;
import dev.strata.cli.Json;
import dev.strata.engine.MigrationState;
import dev.strata.environments.EnvironmentColumn;
import dev.strata.environments.EnvironmentMatrix;
import dev.strata.environments.MatrixRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code status --all-envs}: prints the matrix of migrations by environment, as text or JSON. */
public final class AllEnvironmentsStatus {

    /** A cell for an environment that has no trace of a version (its file gone, another env applied it). */
    static final String ABSENT = "absent";
    /** A cell for an environment that could not be read. */
    static final String UNKNOWN = "?";

    private AllEnvironmentsStatus() {}

    /** Prints the matrix; returns the exit code: 0 when every environment was read. */
    static int print(EnvironmentMatrix matrix, boolean json, Console console) {
        for (EnvironmentColumn column : matrix.environments()) {
            column.url().flatMap(url -> url.password()).ifPresent(console::hide);
        }
        if (json) {
            console.out(Json.write(toJson(matrix)));
        } else {
            printText(matrix, console);
        }
        if (!matrix.allReachable()) {
            long unreachable =
                    matrix.environments().stream().filter(c -> !c.reachable()).count();
            console.err(
                    "strata: " + unreachable + " of " + matrix.environments().size() + " environments could not"
                            + " be read; their column shows " + UNKNOWN);
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static void printText(EnvironmentMatrix matrix, Console console) {
        List<String[]> header = new ArrayList<>();
        for (EnvironmentColumn column : matrix.environments()) {
            header.add(new String[] {
                column.name(),
                column.reachable()
                        ? column.database().orElse("")
                        : "unreachable: " + column.unreachable().orElseThrow().replaceAll("\\s*\\R\\s*", " ")
            });
        }
        TextColumns.print(header, console);
        console.out("");
        if (matrix.rows().isEmpty()) {
            console.out("No migrations yet. Create one with 'strata new NAME'.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        List<String> titles = new ArrayList<>(List.of("VERSION", "NAME"));
        matrix.environments().forEach(column -> titles.add(column.name()));
        rows.add(titles.toArray(String[]::new));
        for (MatrixRow row : matrix.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.version().text(), row.name()));
            for (EnvironmentColumn column : matrix.environments()) {
                cells.add(cell(row, column));
            }
            rows.add(cells.toArray(String[]::new));
        }
        TextColumns.print(rows, console);
    }

    private static String cell(MatrixRow row, EnvironmentColumn column) {
        if (!column.reachable()) {
            return UNKNOWN;
        }
        return row.state(column.name()).map(MigrationState::label).orElse(ABSENT);
    }

    private static Map<String, Object> toJson(EnvironmentMatrix matrix) {
        List<Map<String, Object>> environments = new ArrayList<>();
        for (EnvironmentColumn column : matrix.environments()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", column.name());
            item.put("database", column.database().orElse(null));
            item.put("reachable", column.reachable());
            item.put("error", column.unreachable().orElse(null));
            environments.add(item);
        }
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (MatrixRow row : matrix.rows()) {
            Map<String, Object> states = new LinkedHashMap<>();
            for (EnvironmentColumn column : matrix.environments()) {
                states.put(column.name(), column.reachable() ? cell(row, column) : null);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", row.version().text());
            item.put("name", row.name());
            item.put("file", row.file().orElse(null));
            item.put("states", states);
            migrations.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("environments", environments);
        document.put("migrations", migrations);
        document.put("all_reachable", matrix.allReachable());
        return document;
    }
}
