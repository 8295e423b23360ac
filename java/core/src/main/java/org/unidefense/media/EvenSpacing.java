package org.unidefense.media;

/**
 * Which frames of an {@code n}-frame video to keep when {@code k} are wanted. The reference
 * has no video reader (its datasets are extracted frames, thinned at random per video), so this
 * follows the usual extraction convention of the face forensics tool chains:
 * {@code numpy.linspace(0, n - 1, k).astype(int)}, computed the way numpy does it in doubles
 * (first and last frame included, the rest truncated), so the picks match a Python extraction.
 */
public final class EvenSpacing {
    private EvenSpacing() {
    }

    /**
     * Ascending frame indices: all {@code 0..n-1} when {@code k <= 0} or {@code k >= n},
     * otherwise {@code k} distinct indices from 0 to {@code n - 1}.
     */
    public static int[] indices(int n, int k) {
        if (n <= 0) {
            return new int[0];
        }
        if (k <= 0 || k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[k];
        if (k == 1) {
            return picked; // linspace with one point is its start
        }
        double step = (double) (n - 1) / (k - 1);
        for (int i = 0; i < k - 1; i++) {
            picked[i] = (int) (i * step);
        }
        picked[k - 1] = n - 1;
        return picked;
    }
}
