package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.transform.Pixels;

/**
 * A face shown on a screen: the display's gamma and blue cast, its pixel grid (dark lines every
 * {@link #gridPeriod} pixels), a moiré beat between screen and sensor (a slightly curved
 * sinusoid of a few periods per image), and a soft reflection of the room.
 */
public final class ReplayAttack implements Attack {

    /** The screen's pixel-grid period in the captured image (about 3.2 px at 128). */
    public static double gridPeriod(int size) {
        return Math.max(2.5, size / 40.0);
    }

    @Override
    public SampleKind kind() {
        return SampleKind.REPLAY;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        int s = scene.size();
        byte[] px = Pixels.bytes(scene.image());
        double gamma = random.nextDouble(1.15, 1.4);
        double[] gain = {random.nextDouble(0.9, 0.97), random.nextDouble(0.97, 1.02), random.nextDouble(1.04, 1.12)};
        double grid = gridPeriod(s) * random.nextDouble(0.97, 1.03);
        double moirePeriod = s / random.nextDouble(4, 7);
        double moireAngle = random.nextDouble(Math.PI);
        double fx = Math.cos(moireAngle) * 2 * Math.PI / moirePeriod;
        double fy = Math.sin(moireAngle) * 2 * Math.PI / moirePeriod;
        // a gentle curvature: at most about two radians of extra phase at the image border
        double bend = random.nextDouble(-2, 2) / (s * s / 4.0);
        double moireAmplitude = random.nextDouble(9, 15);
        double phase = random.nextDouble(2 * Math.PI);
        double gx = random.nextDouble(0.15, 0.85) * s;
        double gy = random.nextDouble(0.1, 0.5) * s;
        double glareSigma2 = Math.pow(s * random.nextDouble(0.12, 0.22), 2);
        double glare = random.nextDouble(20, 40);
        double[] rows = gridProfile(s, grid);
        double[] screen = new double[256];
        for (int v = 0; v < 256; v++) {
            screen[v] = 255 * Math.pow(v / 255.0, gamma);
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = (y * s + x) * 3;
                double dx = x - s / 2.0;
                double moire = moireAmplitude * Math.sin(fx * x + fy * y + bend * dx * dx + phase);
                double lines = 1 - 0.22 * Math.max(rows[x], rows[y]);
                double reflection = glare * Math.exp(-((x - gx) * (x - gx) + (y - gy) * (y - gy)) / (2 * glareSigma2));
                for (int c = 0; c < 3; c++) {
                    double v = screen[px[i + c] & 0xFF] * gain[c];
                    v = v * lines + moire + reflection;
                    px[i + c] = (byte) (int) Rgb.clamp(v + 0.5);
                }
            }
        }
        return Pixels.fromBytes(px, s, s, 3);
    }

    /** 1 on the dark gap between screen pixels, falling to 0 between gaps. */
    private static double[] gridProfile(int s, double period) {
        double[] out = new double[s];
        for (int k = 0; k < s; k++) {
            out[k] = Math.pow(0.5 + 0.5 * Math.cos(2 * Math.PI * k / period), 4);
        }
        return out;
    }
}
