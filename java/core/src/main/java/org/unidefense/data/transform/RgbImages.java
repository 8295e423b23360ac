package org.unidefense.data.transform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.UserInputException;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Reads images the way the reference dataset does: OpenCV decodes to 3-channel BGR
 * ({@code IMREAD_COLOR}), then the channels are swapped to RGB before any transform.
 */
public final class RgbImages {
    private RgbImages() {
    }

    public static Mat read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("image " + file + " does not exist");
        }
        Mat bgr = imread(file.toString(), IMREAD_COLOR);
        if (bgr.empty()) {
            throw new UserInputException("image " + file + " could not be decoded by OpenCV");
        }
        return toRgb(bgr);
    }

    /** Decodes encoded bytes (e.g. a JPEG from an LMDB value); {@code source} names it in errors. */
    public static Mat decode(byte[] encoded, String source) {
        Mat bgr = imdecode(new Mat(new BytePointer(encoded)), IMREAD_COLOR);
        if (bgr.empty()) {
            throw new UserInputException("image " + source + " could not be decoded by OpenCV");
        }
        return toRgb(bgr);
    }

    private static Mat toRgb(Mat bgr) {
        Mat rgb = new Mat();
        cvtColor(bgr, rgb, COLOR_BGR2RGB);
        bgr.close();
        return rgb;
    }
}
