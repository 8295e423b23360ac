package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * albumentations 1.3 {@code RandomResizedCrop}: up to ten tries at a box of random area fraction
 * ({@code scale}) and log-uniform aspect ratio ({@code ratio}) that fits the image, else a
 * central crop clamped to the ratio range; the box is then resized to (height, width).
 */
public final class RandomResizedCrop extends RandomTransform {
    private static final int ATTEMPTS = 10;

    private final int height;
    private final int width;
    private final double[] scale;
    private final double[] ratio;
    private final int interpolation;

    /** A crop box in pixels: rows [y, y + h), columns [x, x + w). */
    public record Box(int y, int x, int h, int w) {
    }

    public RandomResizedCrop(int height, int width, double[] scale, double[] ratio, int interpolation,
            double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.height = height;
        this.width = width;
        this.scale = scale.clone();
        this.ratio = ratio.clone();
        this.interpolation = interpolation;
    }

    static RandomResizedCrop fromParams(TransformParams params) {
        int h = Resize.positive(params, "height");
        int w = Resize.positive(params, "width");
        double[] scale = params.getRange("scale", new double[] {0.08, 1.0}, null);
        if (!(scale[0] > 0 && scale[0] <= scale[1])) {
            throw params.fail("scale", "must be a pair 0 < low <= high, got [" + scale[0] + ", " + scale[1] + "]");
        }
        double[] ratio = params.getRange("ratio", new double[] {0.75, 4.0 / 3.0}, null);
        if (!(ratio[0] > 0 && ratio[0] <= ratio[1])) {
            throw params.fail("ratio", "must be a pair 0 < low <= high, got [" + ratio[0] + ", " + ratio[1] + "]");
        }
        int interpolation = Interpolation.read(params);
        Gate gate = Gate.read(params, 1.0);
        return new RandomResizedCrop(h, w, scale, ratio, interpolation, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        Box b = chooseBox(image.rows(), image.cols(), random);
        Mat crop = new Mat(image, new Rect(b.x(), b.y(), b.w(), b.h()));
        return Resize.resized(crop, height, width, interpolation);
    }

    /** The crop box for an image of {@code rows x cols}; draws in albumentations' order. */
    public Box chooseBox(int rows, int cols, RandomGenerator random) {
        double area = (double) rows * cols;
        double logLow = Math.log(ratio[0]);
        double logHigh = Math.log(ratio[1]);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = PyRandom.uniform(random, scale[0], scale[1]) * area;
            double aspect = Math.exp(PyRandom.uniform(random, logLow, logHigh));
            // Python's round() rounds halves to even, as Math.rint does.
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (0 < w && w <= cols && 0 < h && h <= rows) {
                int i = PyRandom.randint(random, 0, rows - h);
                int j = PyRandom.randint(random, 0, cols - w);
                return new Box(startFromFraction(rows, h, i), startFromFraction(cols, w, j), h, w);
            }
        }
        double inRatio = (double) cols / rows;
        int w;
        int h;
        if (inRatio < ratio[0]) {
            w = cols;
            h = (int) Math.rint(w / ratio[0]);
        } else if (inRatio > ratio[1]) {
            h = rows;
            w = (int) Math.rint(h * ratio[1]);
        } else {
            w = cols;
            h = rows;
        }
        return new Box(startFromFraction(rows, h, (rows - h) / 2), startFromFraction(cols, w, (cols - w) / 2), h, w);
    }

    /**
     * albumentations passes the offset as a fraction {@code i / (n - k + 1e-10)} and turns it back
     * with {@code int((n - k + 1) * fraction)}; kept literally so edge offsets agree.
     */
    private static int startFromFraction(int n, int k, int offset) {
        double fraction = offset * 1.0 / (n - k + 1e-10);
        return (int) ((n - k + 1) * fraction);
    }
}
