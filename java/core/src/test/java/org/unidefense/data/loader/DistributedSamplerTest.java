package org.unidefense.data.loader;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Expected lists are worked out by hand from torch's DistributedSampler.__iter__. */
class DistributedSamplerTest {

    @Test
    void padsByRepeatingFromTheStartThenStrides() {
        // n=10, 3 replicas: 4 each, total 12, order 0..9 + [0, 1].
        assertArrayEquals(new int[] {0, 3, 6, 9}, new DistributedSampler(10, 3, 0, false, 0, false).indices());
        assertArrayEquals(new int[] {1, 4, 7, 0}, new DistributedSampler(10, 3, 1, false, 0, false).indices());
        assertArrayEquals(new int[] {2, 5, 8, 1}, new DistributedSampler(10, 3, 2, false, 0, false).indices());
    }

    @Test
    void dropLastTruncatesToAMultipleOfTheReplicas() {
        // ceil((10 - 3) / 3) = 3 each, total 9: item 9 is never read.
        assertArrayEquals(new int[] {0, 3, 6}, new DistributedSampler(10, 3, 0, false, 0, true).indices());
        assertArrayEquals(new int[] {2, 5, 8}, new DistributedSampler(10, 3, 2, false, 0, true).indices());
        // n divisible: drop_last changes nothing.
        assertArrayEquals(new int[] {1, 3, 5}, new DistributedSampler(6, 2, 1, false, 0, true).indices());
        // fewer items than replicas: ceil(-1 / 2) = 0.
        assertEquals(0, new DistributedSampler(1, 2, 0, false, 0, true).numSamples());
    }

    @Test
    void paddingLongerThanTheDatasetRepeatsItSeveralTimes() {
        // n=2, 5 replicas: total 5, order [0, 1] * 3 truncated to [0, 1, 0, 1, 0].
        int[] expected = {0, 1, 0, 1, 0};
        for (int rank = 0; rank < 5; rank++) {
            assertArrayEquals(new int[] {expected[rank]}, new DistributedSampler(2, 5, rank, false, 0, false).indices());
        }
    }

    @Test
    void shuffledReplicasPartitionOnePaddedPermutation() {
        int n = 11;
        int replicas = 3;
        int[][] parts = new int[replicas][];
        for (int r = 0; r < replicas; r++) {
            DistributedSampler s = new DistributedSampler(n, replicas, r, true, 42, false);
            s.setEpoch(5);
            parts[r] = s.indices();
            assertEquals(4, parts[r].length);
        }
        int[] padded = new int[12];
        for (int i = 0; i < 12; i++) {
            padded[i] = parts[i % replicas][i / replicas];
        }
        int[] head = Arrays.copyOf(padded, n);
        assertArrayEquals(IntStream.range(0, n).toArray(), Arrays.stream(head).sorted().toArray());
        assertEquals(padded[0], padded[11], "padding repeats the permutation's first item");
        assertFalse(Arrays.equals(IntStream.range(0, n).toArray(), head), "shuffled");
    }

    @Test
    void epochSelectsThePermutationAndSeedMakesItRepeatable() {
        DistributedSampler a = DistributedSampler.single(50, true, 7);
        DistributedSampler b = DistributedSampler.single(50, true, 7);
        a.setEpoch(3);
        b.setEpoch(3);
        assertArrayEquals(a.indices(), b.indices());
        assertArrayEquals(a.indices(), b.indices(3));
        b.setEpoch(4);
        assertFalse(Arrays.equals(a.indices(), b.indices()));
        assertFalse(Arrays.equals(a.indices(), DistributedSampler.single(50, true, 8).indices(3)));
        assertArrayEquals(IntStream.range(0, 50).toArray(), Arrays.stream(b.indices()).sorted().toArray());
    }
}
