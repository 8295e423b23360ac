package org.unidefense.data.transform;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC;

/** Bulk copies between OpenCV Mats (HWC, interleaved channels) and Java arrays. */
public final class Pixels {
    private Pixels() {
    }

    /** The bytes of an 8-bit Mat in HWC order (copied; ROI views are compacted first). */
    public static byte[] bytes(Mat mat) {
        requireDepth(mat, CV_8U, "uint8");
        Mat m = mat.isContinuous() ? mat : mat.clone();
        byte[] out = new byte[(int) m.total() * m.channels()];
        m.data().get(out);
        return out;
    }

    /** The values of a float32 Mat in HWC order. */
    public static float[] floats(Mat mat) {
        requireDepth(mat, CV_32F, "float32");
        Mat m = mat.isContinuous() ? mat : mat.clone();
        float[] out = new float[(int) m.total() * m.channels()];
        new FloatPointer(m.data()).get(out);
        return out;
    }

    /** A new 8-bit Mat holding {@code hwc}. */
    public static Mat fromBytes(byte[] hwc, int height, int width, int channels) {
        checkLength(hwc.length, height, width, channels);
        Mat m = new Mat(height, width, CV_8UC(channels));
        m.data().put(hwc);
        return m;
    }

    /** A new float32 Mat holding {@code hwc}. */
    public static Mat fromFloats(float[] hwc, int height, int width, int channels) {
        checkLength(hwc.length, height, width, channels);
        Mat m = new Mat(height, width, CV_32FC(channels));
        new FloatPointer(m.data()).put(hwc);
        return m;
    }

    /** Writes {@code bytes} into an existing continuous 8-bit Mat. */
    public static void put(Mat mat, byte[] bytes) {
        requireDepth(mat, CV_8U, "uint8");
        if (!mat.isContinuous() || bytes.length != mat.total() * mat.channels()) {
            throw new IllegalArgumentException("Mat is not a continuous buffer of " + bytes.length + " bytes");
        }
        BytePointer data = mat.data();
        data.put(bytes);
    }

    static boolean isUint8(Mat mat) {
        return mat.depth() == CV_8U;
    }

    private static void requireDepth(Mat mat, int depth, String name) {
        if (mat.depth() != depth) {
            throw new IllegalArgumentException("expected a " + name + " image, got OpenCV depth " + mat.depth());
        }
    }

    private static void checkLength(int length, int height, int width, int channels) {
        if ((long) height * width * channels != length) {
            throw new IllegalArgumentException("buffer of " + length + " values does not fit "
                    + height + "x" + width + "x" + channels);
        }
    }
}
