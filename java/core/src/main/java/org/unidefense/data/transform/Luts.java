package org.unidefense.data.transform;

import org.bytedeco.opencv.opencv_core.Mat;

/** 256-entry lookup tables applied to every byte of a uint8 image (what {@code cv2.LUT} does). */
final class Luts {
    private Luts() {
    }

    /** NumPy's {@code np.clip(v, 0, 255).astype(uint8)}: clip, then truncate toward zero. */
    static int clipTruncate(double v) {
        return (int) Math.min(255.0, Math.max(0.0, v));
    }

    static Mat apply(Mat image, int[] lut) {
        byte[] px = Pixels.bytes(image);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) lut[px[i] & 0xFF];
        }
        return Pixels.fromBytes(px, image.rows(), image.cols(), image.channels());
    }

    static double meanOfBytes(byte[] px) {
        long sum = 0;
        for (byte b : px) {
            sum += b & 0xFF;
        }
        return (double) sum / px.length;
    }
}
