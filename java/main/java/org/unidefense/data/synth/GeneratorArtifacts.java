package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * The look of a generator's output: produced at half resolution, then upsampled by a stride-2
 * transposed convolution, which leaves 2x2 blocks and a periodic 2x2 (checkerboard) offset.
 */
final class GeneratorArtifacts {
    private GeneratorArtifacts() {
    }

    static Mat upsampled(Mat image, RandomGenerator random) {
        int s = image.rows();
        Mat half = new Mat();
        resize(image, half, new Size(s / 2, s / 2), 0, 0, INTER_AREA);
        Mat up = new Mat();
        resize(half, up, new Size(s, s), 0, 0, INTER_NEAREST);
        double[] phase = new double[4];
        double strength = random.nextDouble(4, 7);
        for (int k = 0; k < 4; k++) {
            // opposite signs on the two diagonals, so the pattern never averages to a flat offset
            phase[k] = ((k == 0 || k == 3) ? 1 : -1) * strength * random.nextDouble(0.6, 1.0);
        }
        byte[] px = Pixels.bytes(up);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double d = phase[(y & 1) * 2 + (x & 1)];
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
