package org.unidefense.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.bytedeco.javacpp.BytePointer;
import org.unidefense.io.NativeErrors;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads image files into 8-bit 3-channel BGR Mats. The bytes are read by Java and decoded with
 * {@code imdecode}, so paths OpenCV's own file API would mangle (non-ASCII names) work too.
 * {@code IMREAD_COLOR} turns grayscale into three equal channels, drops alpha, brings 16-bit
 * and float images to 8 bits and applies the EXIF orientation, as a camera viewer would.
 */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * The picture in {@code file}; the caller owns (closes) the Mat.
     *
     * @throws MediaException when the file is missing, a directory, empty, not an image, or
     *                        truncated or corrupt
     */
    public static Mat read(Path file) {
        if (Files.isDirectory(file)) {
            throw new MediaException(file + ": is a directory, not an image file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MediaException(file + ": no such file");
        } catch (IOException e) {
            throw new MediaException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /** {@link #read} as frame 0, the index an image has among the frames of a predict run. */
    public static Frame readFrame(Path file) {
        return new Frame(0, read(file));
    }

    /**
     * Decodes encoded image bytes; {@code source} names them in error messages.
     *
     * @throws MediaException when the bytes are empty, not an image, or truncated or corrupt
     */
    public static Mat decode(byte[] bytes, String source) {
        if (bytes.length == 0) {
            throw new MediaException(source + ": is empty (0 bytes), not an image");
        }
        if (isJpeg(bytes) && !hasJpegEnd(bytes)) {
            // OpenCV decodes such a file with the missing rows grey and only a warning on stderr:
            // a model would then score a damaged picture.
            throw new MediaException(source + ": truncated or corrupt JPEG data (no end-of-image marker)");
        }
        ImageHeader.dimensions(bytes).ifPresent(wh -> PixelLimit.check(wh[0], wh[1], source, "the image"));
        NativeLogging.quiet();
        Mat image;
        try (BytePointer data = new BytePointer(bytes);
             Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
            image = imdecode(buffer, IMREAD_COLOR);
        } catch (RuntimeException e) {
            // OpenCV's message names its own source files; ours says what is wrong with the user's file
            throw new MediaException(source + ": " + problem(bytes) + NativeErrors.detail(e), e);
        }
        if (image == null || image.empty()) {
            if (image != null) {
                image.close();
            }
            throw new MediaException(source + ": " + problem(bytes));
        }
        return image;
    }

    // imdecode only says "empty": the signature tells a damaged image from something else.
    private static String problem(byte[] bytes) {
        String format = ImageSignature.formatOf(bytes);
        return format == null
                ? "is not an image in a format OpenCV reads"
                : "truncated or corrupt " + format + " data";
    }

    /** Bytes allowed after a JPEG's end-of-image marker (some writers pad the file). */
    private static final int JPEG_TRAILER_SLACK = 64;

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    private static boolean hasJpegEnd(byte[] b) {
        int stop = Math.max(1, b.length - JPEG_TRAILER_SLACK);
        for (int i = b.length - 1; i >= stop; i--) {
            if ((b[i - 1] & 0xFF) == 0xFF && (b[i] & 0xFF) == 0xD9) {
                return true;
            }
        }
        return false;
    }
}
