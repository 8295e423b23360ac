package org.unidefense.data.synth;

import java.util.SplittableRandom;

/**
 * What changes between two frames of the same person: a small head pose change, lighting,
 * expression, and the camera (optical blur, sensor noise, JPEG quality).
 */
public record FrameJitter(
        double dx, double dy,        // fractions of the image size
        double rotationDeg, double scale, double yaw,
        double lightDelta, double exposure,
        double eyeOpen, double mouthOpen,
        double blurSigma, double noiseSigma, int jpegQuality,
        long noiseSeed) {

    public static FrameJitter fromSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        return new FrameJitter(
                r.nextDouble(-0.04, 0.04), r.nextDouble(-0.03, 0.03),
                r.nextDouble(-7, 7), r.nextDouble(0.94, 1.06), r.nextDouble(-0.12, 0.12),
                r.nextDouble(-0.35, 0.35), r.nextDouble(0.9, 1.1),
                r.nextDouble(0.75, 1.0), r.nextDouble() < 0.3 ? r.nextDouble(0.2, 0.8) : 0.0,
                r.nextDouble(0.3, 0.7), r.nextDouble(1.5, 3.5), r.nextInt(82, 96),
                r.nextLong());
    }

    /** No pose, lighting or expression change and a clean camera; for tests and previews. */
    public static FrameJitter neutral(long noiseSeed) {
        return new FrameJitter(0, 0, 0, 1, 0, 0, 1, 1, 0, 0.5, 2.0, 90, noiseSeed);
    }
}
