package org.unidefense.data.synth;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.ImageCompression;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/** The capturing camera: lens blur, sensor noise and JPEG compression, seeded by the frame. */
public final class Camera {
    /** Standard normal samples, indexed by random 12-bit numbers: far cheaper than nextGaussian. */
    private static final float[] NORMAL = new float[4096];

    static {
        SplittableRandom r = new SplittableRandom(0x6A09E667F3BCC909L);
        for (int i = 0; i < NORMAL.length; i++) {
            NORMAL[i] = (float) r.nextGaussian();
        }
    }

    private Camera() {
    }

    public static Mat capture(Mat scene, FrameJitter j) {
        int s = scene.rows();
        Mat blurred = new Mat();
        GaussianBlur(scene, blurred, new Size(0, 0), j.blurSigma() * s / 128.0);
        byte[] px = Pixels.bytes(blurred);
        SplittableRandom r = new SplittableRandom(j.noiseSeed());
        double sigma = j.noiseSigma();
        int[] noise = new int[NORMAL.length];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = (int) Math.round(sigma * NORMAL[k]);
        }
        long bits = 0;
        for (int i = 0; i < px.length; i++) {
            if (i % 5 == 0) {
                bits = r.nextLong();
            }
            int v = (px[i] & 0xFF) + noise[(int) (bits & 4095)];
            bits >>>= 12;
            px[i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
        }
        Pixels.put(blurred, px);
        return ImageCompression.reencode(blurred, ImageCompression.Format.JPEG, j.jpegQuality());
    }
}
