package org.unidefense.data.synth;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.ImageCompression;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/** The capturing camera: lens blur, sensor noise and JPEG compression, seeded by the frame. */
public final class Camera {
    private Camera() {
    }

    public static Mat capture(Mat scene, FrameJitter j) {
        int s = scene.rows();
        Mat blurred = new Mat();
        GaussianBlur(scene, blurred, new Size(0, 0), j.blurSigma() * s / 128.0);
        byte[] px = Pixels.bytes(blurred);
        SplittableRandom r = new SplittableRandom(j.noiseSeed());
        double sigma = j.noiseSigma();
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (int) Rgb.clamp((px[i] & 0xFF) + sigma * r.nextGaussian() + 0.5);
        }
        Pixels.put(blurred, px);
        return ImageCompression.reencode(blurred, ImageCompression.Format.JPEG, j.jpegQuality());
    }
}
