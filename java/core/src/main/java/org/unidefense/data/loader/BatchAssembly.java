package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.unidefense.UserInputException;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.Sample;
import org.unidefense.data.transform.ChwImage;

/**
 * Collects the samples of one batch, written by worker threads in any order straight into one
 * NCHW buffer; completes {@link #result()} when the last sample arrives. The buffer is allocated
 * by the first sample to finish, whose size every other sample must match.
 */
final class BatchAssembly {
    private final BatchPlan plan;
    private final DatasetSplit split;
    private final CompletableFuture<Batch> result = new CompletableFuture<>();
    private final int[] loadedItems;
    private float[] images;
    private int channels;
    private int height;
    private int width;
    private int remaining;

    BatchAssembly(BatchPlan plan, DatasetSplit split) {
        this.plan = plan;
        this.split = split;
        this.loadedItems = new int[plan.indices().length];
        this.remaining = loadedItems.length;
    }

    BatchPlan plan() {
        return plan;
    }

    CompletableFuture<Batch> result() {
        return result;
    }

    boolean failed() {
        return result.isCompletedExceptionally();
    }

    void fail(Throwable error) {
        result.completeExceptionally(error);
    }

    /** Copies sample {@code slot} into the batch buffer. */
    void put(int slot, LoadedSample sample) {
        ChwImage image = sample.image();
        float[] target;
        synchronized (this) {
            if (images == null) {
                channels = image.channels();
                height = image.height();
                width = image.width();
                images = new float[loadedItems.length * channels * height * width];
            } else if (image.channels() != channels || image.height() != height || image.width() != width) {
                fail(new UserInputException("item '" + split.samples().get(sample.index()).path()
                        + "' came out of the transforms as " + image.channels() + "x" + image.height() + "x"
                        + image.width() + " but other images of its batch are " + channels + "x" + height + "x"
                        + width + "; end the split's transforms with a fixed-size Resize"));
                return;
            }
            target = images;
        }
        // Slots are disjoint, so the copies need no lock.
        image.copyInto(target, slot);
        loadedItems[slot] = sample.index();
        boolean last;
        synchronized (this) {
            last = --remaining == 0;
        }
        if (last) {
            result.complete(toBatch());
        }
    }

    private Batch toBatch() {
        int n = loadedItems.length;
        long[] labels = new long[n];
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Sample s = split.samples().get(loadedItems[i]);
            labels[i] = s.label();
            samples.add(s);
        }
        synchronized (this) {
            return new Batch(images, n, channels, height, width, labels, samples, plan.epoch());
        }
    }
}
