package org.unidefense.data.transform;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An albumentations {@code Compose} of transforms followed by {@code ToTensorV2}: HWC image in,
 * CHW float out. Stateless and thread-safe; give each sample its own seeded generator
 * (e.g. {@code new SplittableRandom(seed)}) and its result is independent of threads and order.
 * Without a {@link Normalize} the output holds the raw 0..255 values as floats.
 */
public final class TransformPipeline {
    private final List<ImageTransform> transforms;

    public TransformPipeline(List<ImageTransform> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    /** Builds from {@code [{name: ..., params: {...}}, ...]} as found under {@code <split>_transforms}. */
    public static TransformPipeline fromSpecs(List<? extends Map<String, ?>> specs) {
        return fromSpecs("transforms", specs);
    }

    /** As {@link #fromSpecs(List)}, naming the config key in error messages. */
    public static TransformPipeline fromSpecs(String where, List<? extends Map<String, ?>> specs) {
        return new TransformPipeline(new TransformRegistry().buildAll(where, specs));
    }

    /** The transform names this builder knows. */
    public static List<String> knownNames() {
        return new TransformRegistry().names();
    }

    public List<ImageTransform> transforms() {
        return transforms;
    }

    /** Runs every transform on {@code image} (not modified); native intermediates are freed on return. */
    public ChwImage apply(Mat image, RandomGenerator random) {
        try (PointerScope scope = new PointerScope()) {
            Mat current = image;
            for (ImageTransform t : transforms) {
                current = t.apply(current, random);
            }
            return toChw(current);
        }
    }

    /** HWC Mat (uint8 or float32) to a CHW float image. */
    public static ChwImage toChw(Mat hwc) {
        int h = hwc.rows();
        int w = hwc.cols();
        int c = hwc.channels();
        float[] out = new float[c * h * w];
        int plane = h * w;
        if (Pixels.isUint8(hwc)) {
            byte[] in = Pixels.bytes(hwc);
            for (int i = 0; i < plane; i++) {
                for (int k = 0; k < c; k++) {
                    out[k * plane + i] = in[i * c + k] & 0xFF;
                }
            }
        } else {
            float[] in = Pixels.floats(hwc);
            for (int i = 0; i < plane; i++) {
                for (int k = 0; k < c; k++) {
                    out[k * plane + i] = in[i * c + k];
                }
            }
        }
        return new ChwImage(out, c, h, w);
    }
}
