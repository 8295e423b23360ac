package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * A printed photo held to the camera: the printer's gamut (lifted blacks, dimmer whites, less
 * saturation, a paper tint), a 45-degree halftone dot screen with a period of {@link #period}
 * pixels, strongest in mid-tones, and paper texture (blotches and fibres).
 */
public final class PrintAttack implements Attack {

    /** The halftone period in pixels for an image of {@code size} pixels (about 3 at 128). */
    public static double period(int size) {
        return Math.max(3.0, size / 42.0);
    }

    @Override
    public SampleKind kind() {
        return SampleKind.PRINT;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        int s = scene.size();
        byte[] px = Pixels.bytes(scene.image());
        float[] paper = paperTexture(s, random);
        double p = period(s) * random.nextDouble(0.97, 1.03);
        double angle = Math.toRadians(45 + random.nextDouble(-3, 3));
        double ca = Math.cos(angle);
        double sa = Math.sin(angle);
        double w = 2 * Math.PI / p;
        double saturation = random.nextDouble(0.6, 0.8);
        double black = random.nextDouble(22, 38);
        double range = random.nextDouble(0.68, 0.78);
        double[] tint = {random.nextDouble(2, 8), random.nextDouble(0, 6), random.nextDouble(-8, -2)};
        // cos(w xr) cos(w yr) = (cos(a x + b y) + cos(b x - a y)) / 2 with a = w(ca - sa),
        // b = w(ca + sa); each cosine of a sum splits into per-column and per-row tables.
        double fa = w * (ca - sa);
        double fb = w * (ca + sa);
        double[] cax = new double[s];
        double[] sax = new double[s];
        double[] cbx = new double[s];
        double[] sbx = new double[s];
        for (int k = 0; k < s; k++) {
            cax[k] = Math.cos(fa * k);
            sax[k] = Math.sin(fa * k);
            cbx[k] = Math.cos(fb * k);
            sbx[k] = Math.sin(fb * k);
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int i = (y * s + x) * 3;
                // cos(a x + b y) and cos(b x - a y)
                double first = cax[x] * cbx[y] - sax[x] * sbx[y];
                double second = cbx[x] * cax[y] + sbx[x] * sax[y];
                double dot = 0.5 * (first + second);
                double grey = ((px[i] & 0xFF) + (px[i + 1] & 0xFF) + (px[i + 2] & 0xFF)) / 3.0;
                for (int c = 0; c < 3; c++) {
                    double v = grey + ((px[i + c] & 0xFF) - grey) * saturation;
                    v = black + v * range + tint[c];
                    double t = v / 255;
                    double amplitude = 26 * (0.35 + 0.65 * 4 * t * (1 - t));
                    v += amplitude * dot + paper[y * s + x];
                    px[i + c] = (byte) (int) Rgb.clamp(v + 0.5);
                }
            }
        }
        return Pixels.fromBytes(px, s, s, 3);
    }

    /** Low-frequency blotches plus a few faint straight fibres, in grey levels. */
    private static float[] paperTexture(int s, RandomGenerator random) {
        int cells = 8;
        float[] coarse = new float[cells * cells];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = (float) random.nextDouble(-6, 6);
        }
        Mat small = new Mat(cells, cells, CV_32FC1);
        new org.bytedeco.javacpp.FloatPointer(small.data()).put(coarse);
        Mat big = new Mat();
        resize(small, big, new Size(s, s), 0, 0, INTER_CUBIC);
        float[] out = Pixels.floats(big);
        int fibres = 4 + random.nextInt(5);
        for (int f = 0; f < fibres; f++) {
            double x0 = random.nextDouble(s);
            double y0 = random.nextDouble(s);
            double a = random.nextDouble(Math.PI);
            double len = s * random.nextDouble(0.1, 0.25);
            float shade = (float) (random.nextBoolean() ? 7 : -7);
            for (double t = 0; t < len; t += 0.7) {
                int x = (int) (x0 + t * Math.cos(a));
                int y = (int) (y0 + t * Math.sin(a));
                if (x >= 0 && y >= 0 && x < s && y < s) {
                    out[y * s + x] += shade;
                }
            }
        }
        return out;
    }
}
