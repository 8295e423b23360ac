package org.unidefense.data.loader;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unidefense.UserInputException;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.data.transform.RgbImages;
import org.unidefense.data.transform.TransformPipeline;

/**
 * Reads, decodes (OpenCV, to RGB), crops and transforms one item, applying the bad-item policy.
 * Thread-safe: all state of a call lives in its own generator and native scope.
 */
final class SampleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    private final ItemSource source;
    private final TransformPipeline pipeline;
    private final long seed;
    private final OnError onError;
    private final AtomicLong skipped = new AtomicLong();

    SampleLoader(ItemSource source, TransformPipeline pipeline, long seed, OnError onError) {
        this.source = source;
        this.pipeline = pipeline;
        this.seed = seed;
        this.onError = onError;
    }

    ItemSource source() {
        return source;
    }

    long skipped() {
        return skipped.get();
    }

    /**
     * Loads item {@code index}; under {@link OnError#SKIP} a bad item is replaced by the next item
     * of the dataset (wrapping around), so the replacement is the same on every run.
     */
    LoadedSample load(int index, long epoch) {
        int n = source.size();
        for (int attempt = 0; attempt < n; attempt++) {
            int item = (index + attempt) % n;
            try {
                return new LoadedSample(item, loadOne(item, epoch));
            } catch (RuntimeException e) {
                String what = describe(item, e);
                if (onError == OnError.FAIL) {
                    throw new UserInputException(what + " (set on_error: skip to skip bad items)", e);
                }
                skipped.incrementAndGet();
                LOG.warn("skipping {}", what);
            }
        }
        throw new UserInputException("no item of the split could be loaded (tried all " + n + " from index " + index + ")");
    }

    /** One item, no policy: errors propagate. */
    ChwImage loadOne(int item, long epoch) {
        SplittableRandom random = SampleSeeds.forSample(seed, epoch, item);
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = RgbImages.decode(source.read(item), source.id(item));
            Mat cropped = crop(rgb, source.cropBox(item, rgb.cols(), rgb.rows(), random), item);
            return pipeline.apply(cropped, random);
        }
    }

    private Mat crop(Mat image, CropBox box, int item) {
        CropBox clipped = box.clippedTo(image.cols(), image.rows());
        if (clipped.width() <= 0 || clipped.height() <= 0) {
            throw new UserInputException("crop box " + box + " lies outside the " + image.cols() + "x"
                    + image.rows() + " image");
        }
        if (clipped.equals(CropBox.full(image.cols(), image.rows()))) {
            return image;
        }
        // A copy: transforms read pixels as one continuous block, which a sub-view is not.
        return new Mat(image, new Rect(clipped.x1(), clipped.y1(), clipped.width(), clipped.height())).clone();
    }

    private String describe(int item, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "item " + item + " (" + safeId(item) + "): " + message;
    }

    private String safeId(int item) {
        try {
            return source.id(item);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
