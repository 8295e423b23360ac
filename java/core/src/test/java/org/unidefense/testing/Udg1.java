package org.unidefense.testing;

import java.nio.charset.StandardCharsets;

/**
 * The fixtures' portable weight generator (fixtures README section 3): FNV-1a 64 of a seed
 * string, splitmix64 outputs, the top 24 bits mapped exactly onto [-1, 1).
 */
public final class Udg1 {
    private Udg1() {
    }

    public static long fnv1a64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xffL);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Output number {@code i} (0-based) of splitmix64 seeded with {@code seed}, full 64 bits. */
    public static long splitmix64(long seed, long i) {
        long z = seed + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static int top24(long seed, long i) {
        return (int) (splitmix64(seed, i) >>> 40);
    }

    public static float value(long seed, long i, float center, float halfwidth) {
        float u = (float) (top24(seed, i) - (1 << 23)) * 0x1p-23f;
        return center + halfwidth * u;
    }

    /** {@code n} consecutive values starting at element {@code start}. */
    public static float[] values(String seed, long start, int n, float center, float halfwidth) {
        long s = fnv1a64(seed);
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = value(s, start + j, center, halfwidth);
        }
        return out;
    }
}
