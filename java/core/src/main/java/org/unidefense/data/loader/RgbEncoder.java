package org.unidefense.data.loader;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/** Encodes an RGB image the way it is stored on disk or in LMDB (OpenCV writes BGR). */
public final class RgbEncoder {
    private RgbEncoder() {
    }

    /** {@code extension} as OpenCV's imencode takes it: ".png" (lossless) or ".jpg". */
    public static byte[] encode(Mat rgb, String extension) {
        try (Mat bgr = new Mat(); BytePointer buffer = new BytePointer()) {
            cvtColor(rgb, bgr, COLOR_RGB2BGR);
            if (!imencode(extension, bgr, buffer)) {
                throw new IllegalArgumentException("OpenCV cannot encode " + extension);
            }
            byte[] out = new byte[(int) buffer.limit()];
            buffer.get(out);
            return out;
        }
    }
}
