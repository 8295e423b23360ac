package org.unidefense.data.transform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/**
 * A random source that returns a fixed script: doubles for {@code nextDouble()} and integers for
 * {@code nextInt(origin, bound)}, failing loudly if the code under test draws anything else.
 */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<Double> doubles = new ArrayDeque<>();
    private final Deque<Integer> ints = new ArrayDeque<>();

    ScriptedRandom thenDoubles(double... values) {
        for (double v : values) {
            doubles.add(v);
        }
        return this;
    }

    ScriptedRandom thenInts(int... values) {
        for (int v : values) {
            ints.add(v);
        }
        return this;
    }

    boolean exhausted() {
        return doubles.isEmpty() && ints.isEmpty();
    }

    @Override
    public double nextDouble() {
        if (doubles.isEmpty()) {
            throw new AssertionError("unexpected nextDouble()");
        }
        return doubles.poll();
    }

    @Override
    public int nextInt(int origin, int bound) {
        if (ints.isEmpty()) {
            throw new AssertionError("unexpected nextInt(" + origin + ", " + bound + ")");
        }
        int v = ints.poll();
        if (v < origin || v >= bound) {
            throw new AssertionError("scripted " + v + " outside [" + origin + ", " + bound + ")");
        }
        return v;
    }

    @Override
    public long nextLong() {
        throw new AssertionError("unexpected nextLong()");
    }
}
