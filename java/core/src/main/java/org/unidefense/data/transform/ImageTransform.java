package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One step of an augmentation pipeline on an HWC image (uint8 RGB, or float32 after
 * {@link Normalize}). Implementations are immutable and thread-safe: every random choice comes
 * from the generator passed in, so a sample's result depends only on its own seed.
 *
 * <p>The returned Mat is either {@code image} itself (nothing changed) or a new Mat; callers run a
 * whole pipeline inside one {@code PointerScope} so intermediates are freed together.
 */
public interface ImageTransform {

    /** Applies this transform, drawing whether to apply it (its {@code p}) from {@code random}. */
    Mat apply(Mat image, RandomGenerator random);

    /** Applies this transform unconditionally, as albumentations' {@code force_apply=True}. */
    Mat applyForced(Mat image, RandomGenerator random);

    /** The probability this transform is applied when called through {@link #apply}. */
    double probability();
}
