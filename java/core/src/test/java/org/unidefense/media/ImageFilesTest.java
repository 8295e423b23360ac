package org.unidefense.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    @TempDir
    Path dir;

    private static Mat pattern(int rows, int cols, int type, long seed) {
        Mat m = new Mat(rows, cols, type);
        byte[] px = new byte[(int) (m.total() * m.channels())];
        new SplittableRandom(seed).nextBytes(px);
        m.data().put(px);
        return m;
    }

    private static byte[] pixels(Mat m) {
        byte[] px = new byte[(int) (m.total() * m.channels())];
        m.data().get(px);
        return px;
    }

    private Path encode(Mat image, String name) throws IOException {
        try (BytePointer out = new BytePointer()) {
            assertTrue(imencode(name.substring(name.lastIndexOf('.')), image, out));
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return file;
        }
    }

    @Test
    void pngRoundTripIsExactEvenUnderANonAsciiName() throws IOException {
        try (Mat original = pattern(17, 23, CV_8UC3, 1)) {
            Path file = encode(original, "visage-é-顔.png");
            try (Mat read = ImageFiles.read(file)) {
                assertEquals(CV_8UC3, read.type());
                assertEquals(17, read.rows());
                assertEquals(23, read.cols());
                assertArrayEquals(pixels(original), pixels(read));
            }
        }
    }

    @Test
    void grayscaleBecomesThreeEqualChannels() throws IOException {
        try (Mat gray = pattern(9, 11, CV_8UC1, 2); Mat read = ImageFiles.read(encode(gray, "gray.png"))) {
            assertEquals(CV_8UC3, read.type());
            byte[] g = pixels(gray);
            byte[] bgr = pixels(read);
            for (int i = 0; i < g.length; i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(g[i], bgr[3 * i + c]);
                }
            }
        }
    }

    @Test
    void alphaIsDroppedKeepingTheColour() throws IOException {
        try (Mat bgra = pattern(8, 8, CV_8UC4, 3); Mat read = ImageFiles.read(encode(bgra, "alpha.png"))) {
            assertEquals(CV_8UC3, read.type());
            byte[] src = pixels(bgra);
            byte[] dst = pixels(read);
            for (int i = 0; i < 64; i++) {
                assertArrayEquals(Arrays.copyOfRange(src, 4 * i, 4 * i + 3), Arrays.copyOfRange(dst, 3 * i, 3 * i + 3));
            }
        }
    }

    @Test
    void jpegDecodesCloseToTheOriginal() throws IOException {
        try (Mat flat = new Mat(32, 32, CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(40, 120, 200, 0));
             Mat read = ImageFiles.read(encode(flat, "flat.jpg"))) {
            byte[] px = pixels(read);
            assertEquals(40, px[0] & 0xFF, 3);
            assertEquals(120, px[1] & 0xFF, 3);
            assertEquals(200, px[2] & 0xFF, 3);
        }
    }

    @Test
    void truncatedJpegIsRejectedAsCorruptJpeg() throws IOException {
        Path whole;
        try (Mat image = pattern(64, 64, CV_8UC3, 4)) {
            whole = encode(image, "whole.jpg");
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        MediaException e = assertThrows(MediaException.class, () -> ImageFiles.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": truncated or corrupt JPEG data"), e.getMessage());
    }

    @Test
    void textNamedJpgIsNotAnImage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "just some text\n", StandardCharsets.UTF_8);
        MediaException e = assertThrows(MediaException.class, () -> ImageFiles.read(text));
        assertEquals(text + ": is not an image in a format OpenCV reads", e.getMessage());
    }

    @Test
    void missingDirectoryAndEmptyFilesAreNamed() throws IOException {
        Path missing = dir.resolve("missing.png");
        assertEquals(missing + ": no such file",
                assertThrows(MediaException.class, () -> ImageFiles.read(missing)).getMessage());
        assertEquals(dir + ": is a directory, not an image file",
                assertThrows(MediaException.class, () -> ImageFiles.read(dir)).getMessage());
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertEquals(empty + ": is empty (0 bytes), not an image",
                assertThrows(MediaException.class, () -> ImageFiles.read(empty)).getMessage());
    }

    @Test
    void readFrameIsFrameZero() throws IOException {
        try (Mat image = pattern(5, 6, CV_8UC3, 5); Frame f = ImageFiles.readFrame(encode(image, "f.png"))) {
            assertEquals(0, f.index());
            assertArrayEquals(pixels(image), pixels(f.bgr()));
        }
    }
}
