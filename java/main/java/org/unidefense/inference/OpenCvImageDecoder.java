package org.unidefense.inference;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.media.Frame;
import org.unidefense.media.MediaException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/**
 * Decodes images with OpenCV's {@code imdecode} to 3-channel BGR, as the training data was read.
 * A JPEG without its end marker is refused: OpenCV would decode it with the missing rows grey and
 * only a warning on stderr, and the model would score a damaged picture.
 */
public final class OpenCvImageDecoder implements ImageDecoder {
    /** Bytes allowed after a JPEG's end-of-image marker (some writers pad the file). */
    private static final int JPEG_TRAILER_SLACK = 64;

    @Override
    public Frame decode(Path image) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(image)) {
                throw new MediaException(image + ": no such file");
            }
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            throw new MediaException(image + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (bytes.length == 0) {
            throw new MediaException(image + ": the file is empty");
        }
        if (isJpeg(bytes) && !hasJpegEnd(bytes)) {
            throw new MediaException(image + ": truncated JPEG (no end-of-image marker)");
        }
        Mat bgr;
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length,
                org.bytedeco.opencv.global.opencv_core.CV_8UC1, data)) {
            bgr = imdecode(encoded, IMREAD_COLOR);
        }
        if (bgr == null || bgr.empty()) {
            throw new MediaException(image + ": not an image OpenCV can decode");
        }
        return new Frame(0, bgr);
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    static boolean hasJpegEnd(byte[] b) {
        int stop = Math.max(1, b.length - JPEG_TRAILER_SLACK);
        for (int i = b.length - 1; i >= stop; i--) {
            if ((b[i - 1] & 0xFF) == 0xFF && (b[i] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }
}
