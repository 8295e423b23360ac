package org.unidefense.data;

/**
 * numpy's legacy global generator ({@code np.random.seed}, {@code choice}, {@code randint}):
 * MT19937 seeded from a 32-bit integer, with numpy's bounded-integer and shuffle algorithms,
 * so that a seeded draw picks the same items as the reference. Not thread-safe.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int pos;

    /** {@code np.random.seed(seed)}, {@code seed} in {@code [0, 2^32)}. */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), found " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    /** The next raw 32-bit output, as an unsigned value. */
    public long nextUint32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int v = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                v ^= 0x9908b0df;
            }
            mt[i] = v;
        }
        pos = 0;
    }

    /** Smallest all-ones bit mask covering {@code max}. */
    private static long maskOf(long max) {
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        return mask;
    }

    /** A uniform integer in {@code [0, max]} by masked rejection (numpy's {@code random_interval}). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        if (max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("ranges beyond 32 bits are not needed here: " + max);
        }
        long mask = maskOf(max);
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }

    /** {@code np.random.randint(low, high)}: uniform in {@code [low, high)}. */
    public int randint(int low, int high) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: low >= high (" + low + ", " + high + ")");
        }
        long range = (long) high - 1 - low;
        return (int) (low + interval(range));
    }

    /** {@code np.random.permutation(n)}: Fisher-Yates from the end. */
    public int[] permutation(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** The indices {@code np.random.choice(n, k, replace=False)} picks: the first k of a permutation. */
    public int[] choiceWithoutReplacement(int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("cannot take " + k + " of " + n + " without replacement");
        }
        return java.util.Arrays.copyOf(permutation(n), k);
    }
}
