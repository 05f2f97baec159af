package dev.strata.cli;

import java.util.Collection;
import java.util.List;

/**
 * The command or option a mistyped word most likely meant, when picocli has no suggestion of its
 * own: picocli compares pairs of neighbouring letters, so two letters typed the wrong way round
 * ({@code lnit} for {@code lint}) share no pair with the word meant, and it suggests nothing.
 */
final class Typos {

    private Typos() {}

    /**
     * The candidates nearest to {@code typed}, at most one edit away for a word of up to four letters
     * and two for a longer one; an edit inserts, deletes or replaces a letter, or swaps two neighbours.
     */
    static List<String> nearest(String typed, Collection<String> candidates) {
        int allowed = typed.length() <= 4 ? 1 : 2;
        int best = candidates.stream()
                .mapToInt(candidate -> distance(typed, candidate))
                .min()
                .orElse(Integer.MAX_VALUE);
        if (best > allowed) {
            return List.of();
        }
        return candidates.stream()
                .filter(candidate -> distance(typed, candidate) == best)
                .sorted()
                .toList();
    }

    /** The optimal string alignment distance: Levenshtein's, with a swap of two neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int replace = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + replace);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
