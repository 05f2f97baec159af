package dev.strata.cli.commands;

import dev.strata.cli.Console;
import java.util.List;

/** Prints rows as left-aligned columns two spaces apart, the last column unpadded. */
final class TextColumns {

    private TextColumns() {}

    static void print(List<String[]> rows, Console console) {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    // Padded by hand: String.format per cell was an eighth of status's time on a long history.
                    line.append(" ".repeat(widths[i] + 2 - row[i].length()));
                }
            }
            console.out(line.toString().stripTrailing());
        }
    }
}
