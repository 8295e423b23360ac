package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * albumentations 1.3 {@code RandomBrightnessContrast} on uint8: {@code alpha = 1 + U(contrast)},
 * {@code beta = U(brightness)}, then a float32 table {@code i * alpha + beta * 255} (or
 * {@code + alpha * beta * mean(image)} when {@code brightness_by_max} is false), clipped and
 * truncated.
 */
public final class RandomBrightnessContrast extends RandomTransform {
    private final double[] brightnessLimit;
    private final double[] contrastLimit;
    private final boolean brightnessByMax;

    public RandomBrightnessContrast(double[] brightnessLimit, double[] contrastLimit, boolean brightnessByMax,
            double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.brightnessLimit = brightnessLimit.clone();
        this.contrastLimit = contrastLimit.clone();
        this.brightnessByMax = brightnessByMax;
    }

    static RandomBrightnessContrast fromParams(TransformParams params) {
        double[] brightness = params.getRange("brightness_limit", new double[] {-0.2, 0.2}, null);
        double[] contrast = params.getRange("contrast_limit", new double[] {-0.2, 0.2}, null);
        boolean byMax = params.getBoolean("brightness_by_max", true);
        Gate gate = Gate.read(params, 0.5);
        return new RandomBrightnessContrast(brightness, contrast, byMax, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        ImageCompression.requireUint8(image);
        double alpha = 1.0 + PyRandom.uniform(random, contrastLimit[0], contrastLimit[1]);
        double beta = PyRandom.uniform(random, brightnessLimit[0], brightnessLimit[1]);
        return adjust(image, alpha, beta, brightnessByMax);
    }

    /** The deterministic part, for a given contrast factor {@code alpha} and brightness {@code beta}. */
    public static Mat adjust(Mat image, double alpha, double beta, boolean brightnessByMax) {
        float offset = 0f;
        if (beta != 0) {
            offset = brightnessByMax
                    ? (float) (beta * 255)
                    : (float) (alpha * beta * Luts.meanOfBytes(Pixels.bytes(image)));
        }
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            float v = i;
            if (alpha != 1) {
                v *= (float) alpha;
            }
            if (beta != 0) {
                v += offset;
            }
            lut[i] = Luts.clipTruncate(v);
        }
        return Luts.apply(image, lut);
    }
}
