package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/** Masks of face parts (1 inside, 0 outside, as floats) and alpha blending on RGB Mats. */
public final class Regions {

    private Regions() {
    }

    private static Scalar white() {
        return new Scalar(255, 255, 255, 0);
    }

    /** A blank single-channel canvas in the frame's pose, to draw a mask on. */
    static Mat blankMask(RenderedFrame f) {
        return new Mat(f.size(), f.size(), CV_8UC1, new Scalar(0, 0, 0, 0));
    }

    /** The face ellipse. */
    public static float[] face(RenderedFrame f) {
        Mat m = blankMask(f);
        new Canvas(m, f.pose()).fillEllipse(0, 0, 1, f.identity().aspect(), 0, white());
        return toAlpha(m, 0);
    }

    /** Eyes, nose and mouth: the part a face swap replaces. */
    public static float[] innerFace(RenderedFrame f, double featherPixels) {
        Identity id = f.identity();
        double top = id.eyeV() - id.browGap() - 0.08;
        double bottom = id.mouthV() + id.lipThickness() * 3 + 0.08;
        Mat m = blankMask(f);
        new Canvas(m, f.pose()).fillEllipse(0, (top + bottom) / 2, 0.8, (bottom - top) / 2, 0, white());
        return toAlpha(m, featherPixels);
    }

    /** Nose, mouth and chin: the part an expression reenactment regenerates. */
    public static float[] lowerFace(RenderedFrame f, double featherPixels) {
        Identity id = f.identity();
        double top = id.eyeV() + id.noseLength() * 0.55;
        double bottom = Math.min(id.mouthV() + 0.3, id.aspect() * 0.95);
        Mat m = blankMask(f);
        new Canvas(m, f.pose()).fillEllipse(f.jitter().yaw() * 0.8, (top + bottom) / 2, 0.62,
                (bottom - top) / 2, 0, white());
        return toAlpha(m, featherPixels);
    }

    /** Both eyes with some margin (the holes of a mask, the lenses of glasses). */
    public static float[] eyes(RenderedFrame f, double scaleX, double scaleY) {
        Identity id = f.identity();
        Mat m = blankMask(f);
        Canvas c = new Canvas(m, f.pose());
        for (int side = -1; side <= 1; side += 2) {
            c.fillEllipse(side * id.eyeU() + f.jitter().yaw() * 0.6, id.eyeV(), id.eyeRx() * scaleX,
                    id.eyeRy() * scaleY, 0, white());
        }
        return toAlpha(m, 0);
    }

    /** A drawn 8-bit mask as per-pixel alpha in [0, 1], optionally feathered with a Gaussian. */
    static float[] toAlpha(Mat mask, double featherPixels) {
        Mat m = mask;
        if (featherPixels > 0) {
            m = new Mat();
            GaussianBlur(mask, m, new Size(0, 0), featherPixels);
        }
        byte[] b = Pixels.bytes(m);
        float[] a = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (b[i] & 0xFF) / 255f;
        }
        return a;
    }

    /** {@code base * (1 - alpha) + overlay * alpha} per pixel, rounded, as a new Mat. */
    public static Mat blend(Mat base, Mat overlay, float[] alpha) {
        byte[] b = Pixels.bytes(base);
        byte[] o = Pixels.bytes(overlay);
        for (int p = 0; p < alpha.length; p++) {
            float a = alpha[p];
            if (a <= 0) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                int i = p * 3 + k;
                b[i] = (byte) Math.round((b[i] & 0xFF) * (1 - a) + (o[i] & 0xFF) * a);
            }
        }
        return Pixels.fromBytes(b, base.rows(), base.cols(), 3);
    }

    /** Mean RGB of {@code image} where {@code alpha > 0.5}. */
    static double[] meanInside(Mat image, float[] alpha) {
        byte[] b = Pixels.bytes(image);
        double[] sum = new double[3];
        int n = 0;
        for (int p = 0; p < alpha.length; p++) {
            if (alpha[p] > 0.5f) {
                for (int k = 0; k < 3; k++) {
                    sum[k] += b[p * 3 + k] & 0xFF;
                }
                n++;
            }
        }
        for (int k = 0; k < 3; k++) {
            sum[k] /= Math.max(1, n);
        }
        return sum;
    }
}
