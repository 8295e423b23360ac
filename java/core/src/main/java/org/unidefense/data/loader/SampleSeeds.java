package org.unidefense.data.loader;

import java.util.SplittableRandom;

/**
 * The generator of one sample's random choices, derived only from (seed, epoch, item index), so a
 * sample is augmented the same way whichever worker thread loads it and in whatever order.
 */
final class SampleSeeds {
    private SampleSeeds() {
    }

    static SplittableRandom forSample(long seed, long epoch, int index) {
        long h = mix(seed ^ 0x5DEECE66DL);
        h = mix(h ^ epoch);
        h = mix(h ^ index);
        return new SplittableRandom(h);
    }

    /** The SplitMix64 finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
