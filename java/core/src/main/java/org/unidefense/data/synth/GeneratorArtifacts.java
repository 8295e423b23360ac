package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The look of a generator's output: produced at low resolution (1/{@link #factor} of the image,
 * so the blocks stay visible after the image itself is halved), upsampled by nearest-neighbour
 * like stacked stride-2 transposed convolutions, which leave a periodic stamp: a 2x2 checkerboard
 * plus a fixed random pattern repeating every block.
 */
final class GeneratorArtifacts {
    private GeneratorArtifacts() {
    }

    /** The upsampling factor: 4 at 128 px, 2 at 64 px. */
    static int factor(int size) {
        return Math.max(2, Math.round(size / 32f));
    }

    static Mat upsampled(Mat image, RandomGenerator random) {
        int s = image.rows();
        int f = factor(s);
        Mat low = new Mat();
        resize(image, low, new Size(s / f, s / f), 0, 0, INTER_AREA);
        Mat up = new Mat();
        resize(low, up, new Size(s, s), 0, 0, INTER_NEAREST);
        // strong enough to survive the camera-free paste and be learnt in a few hundred steps from
        // scratch (the demo), as real generators' upsampling traces are at full resolution
        double checker = random.nextDouble(8, 12);
        double[] stamp = new double[f * f];
        for (int k = 0; k < stamp.length; k++) {
            int y = k / f;
            int x = k % f;
            stamp[k] = (((x + y) & 1) == 0 ? checker : -checker) + random.nextDouble(-6, 6);
        }
        byte[] px = Pixels.bytes(up);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double d = stamp[(y % f) * f + x % f];
                int i = (y * s + x) * 3;
                for (int c = 0; c < 3; c++) {
                    px[i + c] = (byte) (int) Rgb.clamp((px[i + c] & 0xFF) + d + 0.5);
                }
            }
        }
        Pixels.put(up, px);
        return up;
    }
}
