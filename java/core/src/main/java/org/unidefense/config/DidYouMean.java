package org.unidefense.config;

import java.util.Collection;
import java.util.Optional;

/** Suggests the known key closest to a misspelt one (optimal string alignment distance at most 2). */
public final class DidYouMean {
    /** Largest edit distance still worth suggesting; beyond it suggestions are mostly noise. */
    public static final int MAX_DISTANCE = 2;

    private DidYouMean() {
    }

    /** The nearest candidate within {@link #MAX_DISTANCE} edits (case-insensitive), if any. */
    public static Optional<String> suggest(String typo, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String c : candidates) {
            int d = distance(typo.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Damerau-Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
     * substitutions and swaps of two neighbouring characters each cost 1.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
