package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * albumentations 1.3 {@code ColorJitter} on uint8 RGB: brightness, contrast and saturation
 * factors drawn around 1, a hue shift around 0, applied in a random order (torchvision's
 * definitions, computed with OpenCV and lookup tables as albumentations does).
 */
public final class ColorJitter extends RandomTransform {
    private final double[] brightness;
    private final double[] contrast;
    private final double[] saturation;
    private final double[] hue;

    public ColorJitter(double[] brightness, double[] contrast, double[] saturation, double[] hue,
            double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.brightness = brightness.clone();
        this.contrast = contrast.clone();
        this.saturation = saturation.clone();
        this.hue = hue.clone();
    }

    static ColorJitter fromParams(TransformParams params) {
        double[] b = factorRange(params, "brightness");
        double[] c = factorRange(params, "contrast");
        double[] s = factorRange(params, "saturation");
        boolean huePair = params.isList("hue");
        double[] h = params.getRange("hue", new double[] {-0.2, 0.2}, null);
        if (h[0] < -0.5 || h[1] > 0.5 || h[0] > h[1] || (!huePair && h[1] < 0)) {
            throw params.fail("hue", "must lie in [-0.5, 0.5] (a number v means [-v, v]), got [" + h[0] + ", " + h[1] + "]");
        }
        Gate gate = Gate.read(params, 0.5);
        return new ColorJitter(b, c, s, h, gate.p(), gate.alwaysApply());
    }

    /** A number v means [max(0, 1 - v), 1 + v]; a pair is taken as given and must be non-negative. */
    private static double[] factorRange(TransformParams params, String key) {
        boolean pair = params.isList(key);
        double[] r = params.getRange(key, new double[] {-0.2, 0.2}, null);
        if (!pair && r[1] < 0) {
            throw params.fail(key, "must be non-negative when a single number, got " + r[1]);
        }
        double[] out = pair ? r : new double[] {Math.max(0, 1 + r[0]), 1 + r[1]};
        if (out[0] < 0 || out[1] < out[0]) {
            throw params.fail(key, "must be a pair 0 <= low <= high, got [" + out[0] + ", " + out[1] + "]");
        }
        return out;
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        ImageCompression.requireUint8(image);
        if (image.channels() != 3) {
            throw new IllegalArgumentException("ColorJitter expects a 3-channel RGB image");
        }
        double[] factors = {
            PyRandom.uniform(random, brightness[0], brightness[1]),
            PyRandom.uniform(random, contrast[0], contrast[1]),
            PyRandom.uniform(random, saturation[0], saturation[1]),
            PyRandom.uniform(random, hue[0], hue[1]),
        };
        int[] order = {0, 1, 2, 3};
        PyRandom.shuffle(random, order);
        Mat out = image;
        for (int i : order) {
            out = switch (i) {
                case 0 -> adjustBrightness(out, factors[0]);
                case 1 -> adjustContrast(out, factors[1]);
                case 2 -> adjustSaturation(out, factors[2]);
                default -> adjustHue(out, factors[3]);
            };
        }
        return out;
    }

    public static Mat adjustBrightness(Mat image, double factor) {
        if (factor == 1) {
            return image;
        }
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = Luts.clipTruncate(i * factor);
        }
        return Luts.apply(image, lut);
    }

    /** Blends towards the mean of the image's grey version (OpenCV's rounded RGB→GRAY). */
    public static Mat adjustContrast(Mat image, double factor) {
        if (factor == 1) {
            return image;
        }
        Mat gray = new Mat();
        cvtColor(image, gray, COLOR_RGB2GRAY);
        double mean = Luts.meanOfBytes(Pixels.bytes(gray));
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            lut[i] = factor == 0 ? (int) (mean + 0.5) : Luts.clipTruncate(i * factor + mean * (1 - factor));
        }
        return Luts.apply(image, lut);
    }

    public static Mat adjustSaturation(Mat image, double factor) {
        if (factor == 1) {
            return image;
        }
        Mat gray = new Mat();
        cvtColor(image, gray, COLOR_RGB2GRAY);
        Mat gray3 = new Mat();
        cvtColor(gray, gray3, COLOR_GRAY2RGB);
        if (factor == 0) {
            return gray3;
        }
        Mat out = new Mat();
        addWeighted(image, factor, gray3, 1 - factor, 0, out);
        return out;
    }

    /** Rotates OpenCV's 8-bit hue (0..179) by {@code 180 * factor}, wrapping like NumPy's mod. */
    public static Mat adjustHue(Mat image, double factor) {
        if (factor == 0) {
            return image;
        }
        Mat hsv = new Mat();
        cvtColor(image, hsv, COLOR_RGB2HSV);
        MatVector planes = new MatVector();
        split(hsv, planes);
        int[] lut = new int[256];
        for (int i = 0; i < 256; i++) {
            double m = (i + 180 * factor) % 180;
            if (m < 0) {
                m += 180;
            }
            lut[i] = ((int) m) & 0xFF;
        }
        Mat shifted = Luts.apply(planes.get(0), lut);
        Mat merged = new Mat();
        merge(new MatVector(shifted, planes.get(1), planes.get(2)), merged);
        Mat out = new Mat();
        cvtColor(merged, out, COLOR_HSV2RGB);
        return out;
    }
}
