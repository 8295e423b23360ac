package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.DFT_COMPLEX_OUTPUT;
import static org.bytedeco.opencv.global.opencv_core.dft;

/** The 2-D power spectrum of an image's grey level (mean removed), computed with OpenCV's DFT. */
final class Spectrum {
    private final int n;
    private final float[] complex;

    Spectrum(byte[] rgb, int n) {
        this.n = n;
        float[] grey = new float[n * n];
        double mean = 0;
        for (int p = 0; p < grey.length; p++) {
            grey[p] = ((rgb[3 * p] & 0xFF) + (rgb[3 * p + 1] & 0xFF) + (rgb[3 * p + 2] & 0xFF)) / 3f;
            mean += grey[p];
        }
        mean /= grey.length;
        for (int p = 0; p < grey.length; p++) {
            grey[p] -= (float) mean;
        }
        Mat in = new Mat(n, n, CV_32FC1);
        new org.bytedeco.javacpp.FloatPointer(in.data()).put(grey);
        Mat out = new Mat();
        dft(in, out, DFT_COMPLEX_OUTPUT, 0);
        complex = Pixels.floats(out);
    }

    /** Power at integer frequency (kx, ky) in cycles per image; negative frequencies wrap. */
    double power(int kx, int ky) {
        int x = Math.floorMod(kx, n);
        int y = Math.floorMod(ky, n);
        float re = complex[2 * (y * n + x)];
        float im = complex[2 * (y * n + x) + 1];
        return (double) re * re + (double) im * im;
    }

    /** Summed power of bins near the two axes ({@code |minor| <= spread}) with {@code |major|} in [lo, hi]. */
    double axisBand(int lo, int hi, int spread) {
        double sum = 0;
        for (int major = lo; major <= hi; major++) {
            for (int minor = -spread; minor <= spread; minor++) {
                sum += power(major, minor) + power(-major, minor) + power(minor, major) + power(minor, -major);
            }
        }
        return sum;
    }

    /** Summed power of all bins with radius in [lo, hi] cycles per image. */
    double ring(double lo, double hi) {
        double sum = 0;
        int r = (int) Math.ceil(hi);
        for (int ky = -r; ky <= r; ky++) {
            for (int kx = 0; kx <= r; kx++) {
                double rad = Math.hypot(kx, ky);
                if (rad >= lo && rad <= hi && !(kx == 0 && ky < 0)) {
                    sum += power(kx, ky);
                }
            }
        }
        return sum;
    }
}
