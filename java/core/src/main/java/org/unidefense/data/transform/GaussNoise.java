package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * albumentations 1.3 {@code GaussNoise} on uint8: variance drawn from {@code var_limit}, normal
 * noise of that variance added in floating point, then clipped to [0, 255] and truncated.
 * Noise is drawn in HWC order; with {@code per_channel: false} one value per pixel.
 */
public final class GaussNoise extends RandomTransform {
    private final double[] varLimit;
    private final double mean;
    private final boolean perChannel;

    public GaussNoise(double[] varLimit, double mean, boolean perChannel, double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.varLimit = varLimit.clone();
        this.mean = mean;
        this.perChannel = perChannel;
    }

    static GaussNoise fromParams(TransformParams params) {
        double[] var = params.getRange("var_limit", new double[] {10.0, 50.0}, 0.0);
        if (var[0] < 0 || var[1] < 0) {
            throw params.fail("var_limit", "must be non-negative, got [" + var[0] + ", " + var[1] + "]");
        }
        double mean = params.getDouble("mean", 0.0);
        boolean perChannel = params.getBoolean("per_channel", true);
        Gate gate = Gate.read(params, 0.5);
        return new GaussNoise(var, mean, perChannel, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        ImageCompression.requireUint8(image);
        double sigma = Math.sqrt(PyRandom.uniform(random, varLimit[0], varLimit[1]));
        byte[] px = Pixels.bytes(image);
        int channels = image.channels();
        double noise = 0;
        for (int i = 0; i < px.length; i++) {
            if (perChannel || i % channels == 0) {
                noise = mean + sigma * random.nextGaussian();
            }
            double v = (px[i] & 0xFF) + noise;
            px[i] = (byte) (int) Math.min(255.0, Math.max(0.0, v));
        }
        return Pixels.fromBytes(px, image.rows(), image.cols(), channels);
    }
}
