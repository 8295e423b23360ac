package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Scalar;

/** An RGB colour with channel values 0..255 (images in this package are RGB Mats). */
public record Rgb(double r, double g, double b) {

    public Scalar scalar() {
        return new Scalar(r, g, b, 0);
    }

    public Rgb scale(double k) {
        return new Rgb(clamp(r * k), clamp(g * k), clamp(b * k));
    }

    public Rgb mix(Rgb other, double t) {
        return new Rgb(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t);
    }

    public Rgb shift(double dr, double dg, double db) {
        return new Rgb(clamp(r + dr), clamp(g + dg), clamp(b + db));
    }

    public Rgb jitter(RandomGenerator random, double amount) {
        return shift(random.nextDouble(-amount, amount), random.nextDouble(-amount, amount),
                random.nextDouble(-amount, amount));
    }

    static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }
}
