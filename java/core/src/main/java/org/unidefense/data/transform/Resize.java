package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/** albumentations {@code Resize}: {@code cv2.resize} to (height, width); a no-op at that size. */
public final class Resize extends RandomTransform {
    private final int height;
    private final int width;
    private final int interpolation;

    public Resize(int height, int width, int interpolation, double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.height = height;
        this.width = width;
        this.interpolation = interpolation;
    }

    static Resize fromParams(TransformParams params) {
        int h = positive(params, "height");
        int w = positive(params, "width");
        int interpolation = Interpolation.read(params);
        Gate gate = Gate.read(params, 1.0);
        return new Resize(h, w, interpolation, gate.p(), gate.alwaysApply());
    }

    static int positive(TransformParams params, String key) {
        int v = params.requireInt(key);
        if (v <= 0) {
            throw params.fail(key, "must be a positive number of pixels, got " + v);
        }
        return v;
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        return resized(image, height, width, interpolation);
    }

    static Mat resized(Mat image, int height, int width, int interpolation) {
        if (image.rows() == height && image.cols() == width) {
            return image;
        }
        Mat out = new Mat();
        resize(image, out, new Size(width, height), 0, 0, interpolation);
        return out;
    }
}
