package org.unidefense.data.loader;

import java.util.SplittableRandom;

/**
 * The indices one process reads in one epoch, with the partition semantics of
 * {@code torch.utils.data.DistributedSampler}: the epoch's order (a permutation seeded by
 * {@code seed + epoch} when shuffling, else 0..n-1) is padded by repeating it from the start until
 * it divides evenly by the number of replicas (or truncated with {@code dropLast}), then replica
 * {@code rank} takes {@code order[rank::replicas]}.
 *
 * <p>What equals torch: the sample count per replica, the padding and truncation rules, and the
 * strided slicing, so that for the same order every replica gets the same positions. What does not:
 * the permutation itself comes from a Java generator, not {@code torch.randperm}, so the shuffled
 * order differs from Python's for the same seed. Instances are immutable apart from the epoch.
 */
public final class DistributedSampler {
    private final int datasetSize;
    private final int replicas;
    private final int rank;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int samplesPerReplica;
    private volatile long epoch;

    public DistributedSampler(int datasetSize, int replicas, int rank, boolean shuffle, long seed, boolean dropLast) {
        if (datasetSize < 0) {
            throw new IllegalArgumentException("dataset size must be 0 or more, got " + datasetSize);
        }
        if (replicas < 1 || rank < 0 || rank >= replicas) {
            throw new IllegalArgumentException("rank " + rank + " is not in [0, " + replicas + ")");
        }
        this.datasetSize = datasetSize;
        this.replicas = replicas;
        this.rank = rank;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        this.samplesPerReplica = dropLast && datasetSize % replicas != 0
                ? ceilDiv(datasetSize - replicas, replicas)
                : ceilDiv(datasetSize, replicas);
    }

    /** A single-process sampler: every index once per epoch. */
    public static DistributedSampler single(int datasetSize, boolean shuffle, long seed) {
        return new DistributedSampler(datasetSize, 1, 0, shuffle, seed, false);
    }

    /** Selects the epoch's permutation, as {@code set_epoch}; call it before each epoch when shuffling. */
    public void setEpoch(long epoch) {
        this.epoch = epoch;
    }

    public long epoch() {
        return epoch;
    }

    /** How many indices {@link #indices()} returns (the same on every replica). */
    public int numSamples() {
        return samplesPerReplica;
    }

    public int datasetSize() {
        return datasetSize;
    }

    /** This replica's indices for the current epoch. */
    public int[] indices() {
        return indices(epoch);
    }

    /** This replica's indices for {@code epoch}, leaving the current epoch as it is. */
    public int[] indices(long epoch) {
        int total = samplesPerReplica * replicas;
        int[] order = epochOrder(epoch);
        int[] padded = new int[total];
        for (int i = 0; i < total; i++) {
            // Padding repeats the order from its start, as many times as needed; with dropLast
            // total <= n and this is a plain truncation.
            padded[i] = order[i % datasetSize];
        }
        int[] mine = new int[samplesPerReplica];
        for (int i = 0; i < samplesPerReplica; i++) {
            mine[i] = padded[rank + i * replicas];
        }
        return mine;
    }

    /** Python's {@code math.ceil(a / b)} for b > 0, also for negative a. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private int[] epochOrder(long epoch) {
        int[] order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed + epoch);
            for (int i = datasetSize - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
