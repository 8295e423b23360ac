package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * albumentations {@code Normalize}: {@code (x - mean * max) * (1 / (std * max))} per channel,
 * every step in float32 as NumPy does it, so results match bit for bit. Output is float32 HWC.
 */
public final class Normalize extends RandomTransform {
    private final float[] scaledMean;
    private final float[] reciprocalStd;

    public Normalize(double[] mean, double[] std, double maxPixelValue, double p, boolean alwaysApply) {
        super(p, alwaysApply);
        scaledMean = new float[mean.length];
        reciprocalStd = new float[std.length];
        for (int c = 0; c < mean.length; c++) {
            scaledMean[c] = (float) mean[c] * (float) maxPixelValue;
            reciprocalStd[c] = 1f / ((float) std[c] * (float) maxPixelValue);
        }
    }

    static Normalize fromParams(TransformParams params) {
        double[] mean = params.getPerChannel("mean", new double[] {0.485, 0.456, 0.406});
        double[] std = params.getPerChannel("std", new double[] {0.229, 0.224, 0.225});
        double max = params.getDouble("max_pixel_value", 255.0);
        if (mean.length != std.length) {
            throw params.fail("std", "must have as many values as mean (" + mean.length + "), got " + std.length);
        }
        for (double s : std) {
            if (s == 0) {
                throw params.fail("std", "must not contain 0");
            }
        }
        Gate gate = Gate.read(params, 1.0);
        return new Normalize(mean, std, max, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        int channels = image.channels();
        if (channels != scaledMean.length) {
            throw new IllegalArgumentException("Normalize has " + scaledMean.length
                    + " channel statistics but the image has " + channels + " channels");
        }
        float[] out = new float[(int) image.total() * channels];
        if (Pixels.isUint8(image)) {
            byte[] in = Pixels.bytes(image);
            for (int i = 0; i < out.length; i++) {
                int c = i % channels;
                out[i] = ((in[i] & 0xFF) - scaledMean[c]) * reciprocalStd[c];
            }
        } else {
            float[] in = Pixels.floats(image);
            for (int i = 0; i < out.length; i++) {
                int c = i % channels;
                out[i] = (in[i] - scaledMean[c]) * reciprocalStd[c];
            }
        }
        return Pixels.fromFloats(out, image.rows(), image.cols(), channels);
    }
}
