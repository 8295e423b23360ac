package org.unidefense.media;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile media files: declared sizes checked before decoding, and errors in our words without native chatter. */
class NativeMessagesTest {
    @TempDir
    Path dir;

    private static byte[] encode(String ext, int w, int h) {
        try (Mat m = new Mat(h, w, CV_8UC3, new org.bytedeco.opencv.opencv_core.Scalar(30, 90, 150, 0));
             BytePointer out = new BytePointer()) {
            assertTrue(imencode(ext, m, out));
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }

    @Test
    void headersOfPngJpegBmpAndWebpGiveTheDeclaredSize() {
        for (String ext : new String[] {".png", ".jpg", ".bmp", ".webp"}) {
            assertArrayEquals(new long[] {37, 21}, ImageHeader.dimensions(encode(ext, 37, 21)).orElseThrow(), ext);
        }
        assertTrue(ImageHeader.dimensions("just text".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }

    /** A PNG whose header declares {@code w}×{@code h}: a real small PNG with the IHDR size rewritten (the CRC no longer matches, as in a crafted file). */
    private static byte[] pngDeclaring(long w, long h) {
        byte[] b = encode(".png", 8, 8);
        for (int i = 0; i < 4; i++) {
            b[16 + i] = (byte) (w >>> (24 - 8 * i));
            b[20 + i] = (byte) (h >>> (24 - 8 * i));
        }
        return b;
    }

    @Test
    void aPngDeclaringThirtyThousandSquaredPixelsIsRefusedBeforeDecoding() {
        MediaException e = assertThrows(MediaException.class,
                () -> ImageFiles.decode(pngDeclaring(30000, 30000), "bomb.png"));
        assertEquals("bomb.png: the image declares 30000×30000 pixels (900.0 MP), over the limit of 50.0 MP; refused"
                + " without decoding (raise it with --max-megapixels if the file is genuine)", e.getMessage());
        // a JPEG's SOF size is checked the same way
        byte[] jpeg = encode(".jpg", 16, 16);
        int sof = indexOfSof(jpeg);
        jpeg[sof + 5] = (byte) 0xEA; // height 60000
        jpeg[sof + 7] = (byte) 0xEA; // width 60000
        jpeg[sof + 6] = 0x60;
        jpeg[sof + 8] = 0x60;
        assertTrue(assertThrows(MediaException.class, () -> ImageFiles.decode(jpeg, "bomb.jpg")).getMessage()
                .startsWith("bomb.jpg: the image declares 60000×60000 pixels"));
        long before = PixelLimit.max();
        try {
            PixelLimit.set(100);
            assertThrows(MediaException.class, () -> ImageFiles.decode(encode(".png", 11, 10), "small.png"));
            ImageFiles.decode(encode(".png", 10, 10), "fits.png").close();
        } finally {
            PixelLimit.set(before);
        }
    }

    private static int indexOfSof(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
                return i;
            }
        }
        throw new AssertionError("no SOF marker");
    }

    @Test
    void aCorruptImageIsDescribedWithoutOpenCvSourcePaths() {
        byte[] png = encode(".png", 40, 40);
        byte[] cut = Arrays.copyOf(png, 60);
        MediaException e = assertThrows(MediaException.class, () -> ImageFiles.decode(cut, "cut.png"));
        assertTrue(e.getMessage().startsWith("cut.png: truncated or corrupt PNG data"), e.getMessage());
        assertFalse(e.getMessage().contains("OpenCV(") || e.getMessage().contains(".cpp"), e.getMessage());
    }

    private String probe(Path video, boolean debug) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NativeQuietProbe.class.getName(), video.toString())
                .redirectErrorStream(true);
        pb.environment().remove("UNIDEFENSE_DEBUG");
        if (debug) {
            pb.environment().put("UNIDEFENSE_DEBUG", "1");
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void aDamagedMp4GetsOneLineInOurWordsAndFfmpegStaysQuietUnlessDebugging() throws Exception {
        Path mp4 = TestVideos.mpeg4Mp4(dir.resolve("clip.mp4"), 6, 1);
        byte[] whole = Files.readAllBytes(mp4);
        // the index (moov) of this writer's files comes last: cutting the tail loses it
        Path damaged = Files.write(dir.resolve("damaged.mp4"), Arrays.copyOf(whole, whole.length * 2 / 3));
        String quiet = probe(damaged, false);
        assertEquals("message: " + damaged + ": not a readable video (damaged, incomplete, or not a video format FFmpeg knows)",
                quiet.strip());
        String debug = probe(damaged, true);
        assertTrue(debug.contains("[mov,mp4"), debug); // FFmpeg's own log line, e.g. "error reading header"
        assertTrue(debug.contains("(native: "), debug);
    }
}
