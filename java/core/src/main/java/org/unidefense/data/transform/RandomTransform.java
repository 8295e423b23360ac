package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The albumentations gate shared by all transforms: one uniform draw per call, applied when it is
 * below {@code p} (or always with {@code always_apply}). The draw happens even for p = 1 so the
 * number of draws per transform does not depend on its probability.
 */
abstract class RandomTransform implements ImageTransform {
    private final double p;
    private final boolean alwaysApply;

    RandomTransform(double p, boolean alwaysApply) {
        this.p = p;
        this.alwaysApply = alwaysApply;
    }

    @Override
    public final Mat apply(Mat image, RandomGenerator random) {
        boolean hit = random.nextDouble() < p;
        return hit || alwaysApply ? applyForced(image, random) : image;
    }

    @Override
    public double probability() {
        return p;
    }
}
