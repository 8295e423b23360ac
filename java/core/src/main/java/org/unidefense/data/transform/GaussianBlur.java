package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * albumentations 1.3 {@code GaussianBlur}: a kernel size drawn from {@code blur_limit} (an even
 * draw is bumped to the next odd size, modulo the upper limit) and a sigma from
 * {@code sigma_limit}; size 0 lets OpenCV derive the size from sigma.
 */
public final class GaussianBlur extends RandomTransform {
    private final int[] blurLimit;
    private final double[] sigmaLimit;

    public GaussianBlur(int[] blurLimit, double[] sigmaLimit, double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.blurLimit = blurLimit.clone();
        this.sigmaLimit = sigmaLimit.clone();
    }

    static GaussianBlur fromParams(TransformParams params) {
        double[] blur = params.getRange("blur_limit", new double[] {3, 7}, 0.0);
        double[] sigma = params.getRange("sigma_limit", new double[] {0, 0}, 0.0);
        int[] limit = new int[] {(int) blur[0], (int) blur[1]};
        if (limit[0] != blur[0] || limit[1] != blur[1] || limit[0] < 0 || limit[1] < limit[0]) {
            throw params.fail("blur_limit", "must be integers 0 <= low <= high, got [" + blur[0] + ", " + blur[1] + "]");
        }
        if (sigma[0] < 0 || sigma[1] < sigma[0]) {
            throw params.fail("sigma_limit", "must be 0 <= low <= high, got [" + sigma[0] + ", " + sigma[1] + "]");
        }
        if (limit[0] == 0 && sigma[0] == 0) {
            // albumentations raises the lower size to 3 here (with a warning) so a kernel exists.
            limit = new int[] {3, Math.max(3, limit[1])};
        }
        for (int v : limit) {
            if (v != 0 && v % 2 != 1) {
                throw params.fail("blur_limit", "must hold odd sizes (or 0), got [" + limit[0] + ", " + limit[1] + "]");
            }
        }
        Gate gate = Gate.read(params, 0.5);
        return new GaussianBlur(limit, sigma, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        int ksize = PyRandom.randint(random, blurLimit[0], blurLimit[1]);
        if (ksize != 0 && ksize % 2 != 1) {
            ksize = (ksize + 1) % (blurLimit[1] + 1);
        }
        double sigma = PyRandom.uniform(random, sigmaLimit[0], sigmaLimit[1]);
        Mat out = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(image, out, new Size(ksize, ksize), sigma);
        return out;
    }
}
