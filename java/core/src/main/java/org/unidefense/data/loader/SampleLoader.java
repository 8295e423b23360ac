package org.unidefense.data.loader;

import java.util.SplittableRandom;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unidefense.UserInputException;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.CropMode;
import org.unidefense.data.CropRect;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceCrop;
import org.unidefense.data.Sample;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.data.transform.RgbImages;
import org.unidefense.data.transform.TransformPipeline;

/**
 * The reference's {@code load_item} for one sample: read the encoded image from its store, decode
 * with OpenCV to RGB, cut the face rectangle, run the transforms. Applies the bad-item policy.
 * Thread-safe: all state of a call lives in its own generator and native scope.
 */
final class SampleLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SampleLoader.class);

    private final DatasetSplit split;
    private final TransformPipeline pipeline;
    private final CropMode cropMode;
    private final FaceMargin margin;
    private final long seed;
    private final DataErrorPolicy errors;

    SampleLoader(DatasetSplit split, TransformPipeline pipeline, CropMode cropMode, FaceMargin margin, long seed,
                 DataErrorPolicy errors) {
        if (cropMode == CropMode.FOUR_POINT && margin == null) {
            throw new UserInputException("crop '4p' needs a face margin (config.margin, or train_margin/val_margin/"
                    + "test_margin for OCIM)");
        }
        this.split = split;
        this.pipeline = pipeline;
        this.cropMode = cropMode;
        this.margin = margin;
        this.seed = seed;
        this.errors = errors;
    }

    DatasetSplit split() {
        return split;
    }

    DataErrorPolicy errors() {
        return errors;
    }

    /**
     * Loads item {@code index}; under {@code on_error: skip} a bad item is replaced by the next
     * item of the split (wrapping around), so the replacement is the same on every run.
     */
    LoadedSample load(int index, long epoch) {
        int n = split.size();
        for (int attempt = 0; attempt < n; attempt++) {
            int item = (index + attempt) % n;
            Sample sample = split.samples().get(item);
            ChwImage image = errors.apply(sample, () -> loadOne(item, epoch));
            if (image != null) {
                return new LoadedSample(item, image);
            }
            LOG.warn("skipping bad item '{}' of {} (on_error: skip)", sample.path(), split.name());
        }
        throw new UserInputException("no item of split '" + split.name() + "' could be loaded (tried all " + n + ")");
    }

    /** One item, no policy: a bad item throws a {@link UserInputException} naming it. */
    ChwImage loadOne(int item, long epoch) {
        Sample sample = split.samples().get(item);
        SplittableRandom random = SampleSeeds.forSample(seed, epoch, item);
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = RgbImages.decode(split.read(sample), sample.path());
            return pipeline.apply(crop(rgb, sample, random), random);
        } catch (UserInputException e) {
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserInputException("item '" + sample.path() + "': " + message, e);
        }
    }

    private Mat crop(Mat image, Sample sample, SplittableRandom random) {
        double drawn = cropMode == CropMode.FOUR_POINT ? FaceCrop.margin(margin, random::nextInt) : 0;
        CropRect rect = FaceCrop.rect(sample, cropMode, drawn, image.cols(), image.rows());
        if (rect.isEmpty()) {
            throw new UserInputException("item '" + sample.path() + "': its face box " + sample.box()
                    + " lies outside the " + image.cols() + "x" + image.rows() + " image");
        }
        if (rect.equals(CropRect.full(image.cols(), image.rows()))) {
            return image;
        }
        // A copy: transforms read pixels as one continuous block, which a sub-view is not.
        return new Mat(image, new Rect(rect.x1(), rect.y1(), rect.width(), rect.height())).clone();
    }
}
