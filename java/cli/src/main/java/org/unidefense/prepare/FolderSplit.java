package org.unidefense.prepare;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.unidefense.UserInputException;

/**
 * Splits a group of videos into train, val and test by video (never by frame, so no person's
 * frames are on both sides), seeded: the names are sorted, shuffled with the seed and cut at the
 * ratios. Counts are rounded, and with at least three videos each split gets at least one.
 */
public final class FolderSplit {
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private FolderSplit() {
    }

    /** Parses {@code "0.7,0.15,0.15"}: three non-negative fractions summing to 1. */
    public static double[] ratios(String text) {
        String[] f = text.split(",");
        if (f.length != 3) {
            throw new UserInputException("--split: expected three fractions train,val,test such as 0.7,0.15,0.15, got '"
                    + text + "'");
        }
        double[] r = new double[3];
        try {
            for (int i = 0; i < 3; i++) {
                r[i] = Double.parseDouble(f[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new UserInputException("--split: '" + text + "' holds something that is not a number");
        }
        if (r[0] < 0 || r[1] < 0 || r[2] < 0 || Math.abs(r[0] + r[1] + r[2] - 1) > 1e-6) {
            throw new UserInputException("--split: the fractions must be non-negative and sum to 1, got '" + text + "'");
        }
        return r;
    }

    /** The split of each name, in the order of {@code sortedNames}. */
    public static List<String> assign(List<String> sortedNames, double[] ratios, long seed) {
        int n = sortedNames.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int train = (int) Math.round(n * ratios[0]);
        int val = (int) Math.round(n * ratios[1]);
        if (n >= 3) {
            // Every split non-empty: a run needs something to train on, select with and test.
            train = Math.max(1, Math.min(train, n - 2));
            val = Math.max(1, Math.min(val, n - train - 1));
        } else {
            train = Math.min(train, n);
            val = Math.min(val, n - train);
        }
        List<String> out = new ArrayList<>(java.util.Collections.nCopies(n, "test"));
        for (int k = 0; k < n; k++) {
            out.set(order[k], k < train ? "train" : k < train + val ? "val" : "test");
        }
        return out;
    }
}
