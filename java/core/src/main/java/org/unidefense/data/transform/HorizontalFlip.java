package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.flip;

/** albumentations {@code HorizontalFlip}: mirror left-right. */
public final class HorizontalFlip extends RandomTransform {

    public HorizontalFlip(double p, boolean alwaysApply) {
        super(p, alwaysApply);
    }

    static HorizontalFlip fromParams(TransformParams params) {
        Gate gate = Gate.read(params, 0.5);
        return new HorizontalFlip(gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        Mat out = new Mat();
        flip(image, out, 1);
        return out;
    }
}
