package org.unidefense.data.transform;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;

/** Small uint8 RGB test images. */
final class TestImages {
    private TestImages() {
    }

    static Mat random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[rows * cols * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        return Pixels.fromBytes(px, rows, cols, 3);
    }

    /** A smooth image (gradients), for which JPEG and blur behave like on photos. */
    static Mat smooth(int rows, int cols) {
        byte[] px = new byte[rows * cols * 3];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = (y * cols + x) * 3;
                px[i] = (byte) (40 + 150 * x / cols);
                px[i + 1] = (byte) (30 + 180 * y / rows);
                px[i + 2] = (byte) (128 + 60 * Math.sin(0.2 * x + 0.1 * y));
            }
        }
        return Pixels.fromBytes(px, rows, cols, 3);
    }

    static Mat filled(int rows, int cols, int r, int g, int b) {
        byte[] px = new byte[rows * cols * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return Pixels.fromBytes(px, rows, cols, 3);
    }

    static int at(byte[] hwc, int cols, int y, int x, int c) {
        return hwc[(y * cols + x) * 3 + c] & 0xFF;
    }
}
