package org.unidefense.data.syntheticset;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/** Encodes RGB images as the datasets store them (OpenCV writes BGR): JPEG or PNG by file extension. */
final class ImageCodec {
    static final int JPEG_QUALITY = 95;

    private ImageCodec() {
    }

    /** The encoded bytes of an RGB uint8 image; call inside a PointerScope. */
    static byte[] encode(Mat rgb, String path) {
        Mat bgr = new Mat();
        cvtColor(rgb, bgr, COLOR_RGB2BGR);
        boolean png = path.endsWith(".png");
        BytePointer buf = new BytePointer();
        IntPointer params = png ? new IntPointer(IMWRITE_PNG_COMPRESSION, 6)
                : new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
        if (!imencode(png ? ".png" : ".jpg", bgr, buf, params)) {
            throw new IllegalStateException("OpenCV could not encode " + path);
        }
        byte[] out = new byte[(int) buf.limit()];
        buf.get(out);
        return out;
    }
}
