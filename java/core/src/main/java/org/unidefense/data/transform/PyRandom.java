package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

/** Python's {@code random} module draws on top of a Java generator (same formulas, other stream). */
final class PyRandom {
    private PyRandom() {
    }

    /** {@code random.uniform(a, b)}: {@code a + (b - a) * random()}. */
    static double uniform(RandomGenerator random, double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    /** {@code random.randint(a, b)}: both ends inclusive. */
    static int randint(RandomGenerator random, int a, int b) {
        return a == b ? a : random.nextInt(a, b + 1);
    }

    /** {@code random.shuffle}: Fisher-Yates from the end, as Python does. */
    static void shuffle(RandomGenerator random, int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
