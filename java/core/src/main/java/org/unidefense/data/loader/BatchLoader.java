package org.unidefense.data.loader;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.unidefense.UserInputException;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.CropMode;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.transform.TransformPipeline;

/**
 * The reference's {@code DataLoader} + {@code load_item}: draws item indices from a
 * {@link DistributedSampler}, and on a pool of worker threads decodes, crops and transforms each
 * item into an NCHW float batch. Each sample's random choices come from (seed, epoch, item index),
 * so batches are identical with any number of workers. One pool serves all streams of a loader;
 * close the loader to stop it.
 */
public final class BatchLoader implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    static final int DEFAULT_PREFETCH = 2;

    private final SampleLoader samples;
    private final DistributedSampler sampler;
    private final int batchSize;
    private final boolean dropLastBatch;
    private final int prefetch;
    private final ExecutorService workers;

    private BatchLoader(Builder b) {
        this.samples = new SampleLoader(b.split, b.pipeline, b.cropMode, b.margin, b.seed, b.errors);
        this.sampler = b.sampler != null ? b.sampler : DistributedSampler.single(b.split.size(), b.shuffle, b.seed);
        if (sampler.datasetSize() != b.split.size()) {
            throw new IllegalArgumentException("the sampler covers " + sampler.datasetSize()
                    + " items but split " + b.split.name() + " has " + b.split.size());
        }
        this.batchSize = b.batchSize;
        this.dropLastBatch = b.dropLastBatch;
        this.prefetch = b.prefetch;
        this.workers = b.workers == 0 ? null : Executors.newFixedThreadPool(b.workers, daemonThreads());
    }

    public static Builder builder(DatasetSplit split, TransformPipeline pipeline) {
        return new Builder(split, pipeline);
    }

    public DatasetSplit split() {
        return samples.split();
    }

    public int batchSize() {
        return batchSize;
    }

    public DistributedSampler sampler() {
        return sampler;
    }

    /** Batches in one epoch ({@code len(loader)} in the reference). */
    public int batchesPerEpoch() {
        int n = sampler.numSamples();
        return dropLastBatch ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Items replaced under {@code on_error: skip} so far (the policy may be shared with other loaders). */
    public long skippedItems() {
        return samples.errors().skipped();
    }

    /** The batches of one epoch; the sampler's permutation for {@code epoch} (as {@code set_epoch}). */
    public BatchStream epoch(long epoch) {
        sampler.setEpoch(epoch);
        return new BatchStream(plansOf(epoch).iterator(), samples, workers, prefetch);
    }

    /**
     * Endless batches for step-based training: epoch {@code firstEpoch}, then the next epoch with a
     * fresh permutation, and so on; loading runs ahead across epoch boundaries.
     */
    public BatchStream forever(long firstEpoch) {
        return forever(firstEpoch, 0);
    }

    /**
     * As {@link #forever(long)}, starting after the first {@code skippedBatches} batches of that
     * sequence without loading them: a resumed run continues the data order where it stopped.
     */
    public BatchStream forever(long firstEpoch, long skippedBatches) {
        if (batchesPerEpoch() == 0) {
            throw new UserInputException("the split has " + sampler.numSamples() + " items for this process, "
                    + "too few for one batch of " + batchSize);
        }
        Iterator<BatchPlan> endless = new Iterator<>() {
            private long epoch = firstEpoch;
            private Iterator<BatchPlan> current = plansOf(epoch).iterator();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public BatchPlan next() {
                if (!current.hasNext()) {
                    epoch++;
                    sampler.setEpoch(epoch);
                    current = plansOf(epoch).iterator();
                }
                return current.next();
            }
        };
        sampler.setEpoch(firstEpoch);
        for (long i = 0; i < skippedBatches; i++) {
            endless.next();
        }
        return new BatchStream(endless, samples, workers, prefetch);
    }

    /** Loads the single item {@code index} of {@code epoch} as a batch of one, with the error policy. */
    public Batch loadItem(int index, long epoch) {
        BatchPlan plan = new BatchPlan(epoch, new int[] {index});
        try (BatchStream s = new BatchStream(java.util.List.of(plan).iterator(), samples, null, 0)) {
            return s.next();
        }
    }

    private Iterable<BatchPlan> plansOf(long epoch) {
        int[] indices = sampler.indices(epoch);
        int batches = dropLastBatch ? indices.length / batchSize : (indices.length + batchSize - 1) / batchSize;
        return () -> new Iterator<>() {
            private int b;

            @Override
            public boolean hasNext() {
                return b < batches;
            }

            @Override
            public BatchPlan next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = b++ * batchSize;
                return new BatchPlan(epoch, Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize)));
            }
        };
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "loader-" + pool + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of a {@link BatchLoader}; defaults follow the reference's DataLoader. */
    public static final class Builder {
        private final DatasetSplit split;
        private final TransformPipeline pipeline;
        private int batchSize = 1;
        private int workers;
        private int prefetch = DEFAULT_PREFETCH;
        private long seed;
        private boolean shuffle;
        private boolean dropLastBatch;
        private DistributedSampler sampler;
        private DataErrorPolicy errors = DataErrorPolicy.failing();
        private CropMode cropMode = CropMode.NOCROP;
        private FaceMargin margin;

        private Builder(DatasetSplit split, TransformPipeline pipeline) {
            this.split = split;
            this.pipeline = pipeline;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Worker threads ({@code data.num_workers}); 0 loads in the calling thread. */
        public Builder workers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be 0 or more, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Batches loaded ahead of the consumer (default 2). Unlike torch, where each worker process
         * loads whole batches and so needs two per worker, the samples of one batch are spread over
         * all threads here, so two batches ahead keep every thread busy at a fraction of the memory
         * (a 64 x 3 x 380 x 380 batch is 110 MB).
         */
        public Builder prefetch(int batches) {
            if (batches < 0) {
                throw new IllegalArgumentException("prefetch must be 0 or more, got " + batches);
            }
            this.prefetch = batches;
            return this;
        }

        /** Seeds the augmentation of every sample (and the default sampler's shuffle). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Shuffle with the default single-process sampler (ignored when a sampler is given). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder sampler(DistributedSampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Drop an incomplete last batch (DataLoader's {@code drop_last}; the reference keeps it). */
        public Builder dropLastBatch(boolean drop) {
            this.dropLastBatch = drop;
            return this;
        }

        /** The {@code on_error} policy (default: fail); share one between loaders to count skips per run. */
        public Builder errors(DataErrorPolicy errors) {
            this.errors = errors;
            return this;
        }

        /**
         * {@code config.crop} and the face margin ({@code 4p} only). A range margin is drawn per
         * sample from the sample's own generator, not numpy's global one as in the reference.
         */
        public Builder crop(CropMode mode, FaceMargin margin) {
            this.cropMode = mode;
            this.margin = margin;
            return this;
        }

        public BatchLoader build() {
            return new BatchLoader(this);
        }
    }
}
