package org.unidefense.data.transform;

import java.util.SplittableRandom;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PixelTransformsTest {
    private PointerScope scope;

    @BeforeEach
    void openScope() {
        scope = new PointerScope();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    /** A 1x4 image whose pixels are (v, v, v) for the given grey values. */
    private static Mat greys(int... values) {
        byte[] px = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            px[3 * i] = px[3 * i + 1] = px[3 * i + 2] = (byte) values[i];
        }
        return Pixels.fromBytes(px, 1, values.length, 3);
    }

    @Test
    void normalizeIsTheFloat32AffineMapPerChannel() {
        Mat image = Pixels.fromBytes(new byte[] {0, (byte) 128, (byte) 255, 10, 20, 30}, 1, 2, 3);
        float[] out = Pixels.floats(new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5},
                255, 1, false).apply(image, new SplittableRandom(0)));
        // (x - 127.5) / 127.5, computed as (x - 127.5f) * (1 / 127.5f) in float32
        float r = 1f / 127.5f;
        assertArrayEquals(new float[] {-127.5f * r, 0.5f * r, 127.5f * r, -117.5f * r, -107.5f * r, -97.5f * r}, out);
        assertEquals(-1f, out[0], 1e-7f);
        assertEquals(1f, out[2], 1e-7f);

        float[] imagenet = Pixels.floats(new Normalize(new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, 255, 1, false).apply(image, new SplittableRandom(0)));
        assertEquals((10 - 0.485 * 255) / (0.229 * 255), imagenet[3], 1e-5);
        assertEquals((30 - 0.406 * 255) / (0.225 * 255), imagenet[5], 1e-5);
    }

    @Test
    void brightnessContrastFollowsTheLookupTableFormula() {
        Mat image = greys(0, 100, 200, 50);
        byte[] out = Pixels.bytes(RandomBrightnessContrast.adjust(image, 1.2, 0.1, true));
        // i * 1.2 + 0.1 * 255, clipped to [0, 255] and truncated: 25.5, 145.5, 265.5, 85.5
        assertArrayEquals(new int[] {25, 145, 255, 85}, firstChannel(out));
        // by mean: + 1.2 * 0.1 * mean(image) = 0.12 * 87.5 = 10.5 -> 10.5, 130.5, 250.5, 70.5
        byte[] byMean = Pixels.bytes(RandomBrightnessContrast.adjust(image, 1.2, 0.1, false));
        assertArrayEquals(new int[] {10, 130, 250, 70}, firstChannel(byMean));
        byte[] darker = Pixels.bytes(RandomBrightnessContrast.adjust(image, 0.5, -0.1, true));
        // 0 - 25.5 -> 0; 50 - 25.5 = 24.5 -> 24; 100 - 25.5 = 74.5 -> 74; 25 - 25.5 -> 0
        assertArrayEquals(new int[] {0, 24, 74, 0}, firstChannel(darker));
    }

    @Test
    void brightnessContrastDrawsContrastThenBrightness() {
        Mat image = TestImages.random(8, 8, 7);
        RandomBrightnessContrast t = new RandomBrightnessContrast(new double[] {-0.3, 0.3},
                new double[] {-0.4, 0.4}, true, 1.0, false);
        ScriptedRandom script = new ScriptedRandom().thenDoubles(0.0, 0.75, 0.25);
        byte[] out = Pixels.bytes(t.apply(image, script));
        // alpha = 1 + (-0.4 + 0.8 * 0.75) = 1.2, beta = -0.3 + 0.6 * 0.25 = -0.15
        assertArrayEquals(Pixels.bytes(RandomBrightnessContrast.adjust(image, 1.2, -0.15, true)), out);
    }

    @Test
    void colorJitterPiecesMatchTheirDefinitions() {
        Mat image = greys(0, 100, 200, 50);
        assertArrayEquals(new int[] {0, 150, 255, 75}, firstChannel(Pixels.bytes(ColorJitter.adjustBrightness(image, 1.5))));
        // contrast 0.5 around the grey mean 87.5: i * 0.5 + 43.75 -> 43.75, 93.75, 143.75, 68.75
        assertArrayEquals(new int[] {43, 93, 143, 68}, firstChannel(Pixels.bytes(ColorJitter.adjustContrast(image, 0.5))));

        Mat red = TestImages.filled(1, 1, 200, 50, 20);
        // OpenCV grey of (200, 50, 20): 0.299*200 + 0.587*50 + 0.114*20 = 91.43 -> 91
        byte[] sat = Pixels.bytes(ColorJitter.adjustSaturation(red, 0.5));
        // addWeighted rounds halves to even: 145.5 -> 146, 70.5 -> 70, 55.5 -> 56
        assertArrayEquals(new byte[] {(byte) 146, 70, 56}, sat);

        Mat colours = TestImages.random(4, 5, 9);
        Mat hsv = new Mat();
        cvtColor(colours, hsv, COLOR_RGB2HSV);
        byte[] h = Pixels.bytes(hsv);
        for (int i = 0; i < h.length; i += 3) {
            h[i] = (byte) (((h[i] & 0xFF) + 45) % 180); // factor 0.25 -> +45 of OpenCV's 180 hue steps
        }
        Mat expected = new Mat();
        cvtColor(Pixels.fromBytes(h, 4, 5, 3), expected, COLOR_HSV2RGB);
        assertArrayEquals(Pixels.bytes(expected), Pixels.bytes(ColorJitter.adjustHue(colours, 0.25)));
    }

    @Test
    void colorJitterWithOnlyBrightnessFreeEqualsTheBrightnessStep() {
        Mat image = TestImages.random(6, 6, 11);
        ColorJitter jitter = new ColorJitter(new double[] {1.5, 1.5}, new double[] {1, 1}, new double[] {1, 1},
                new double[] {0, 0}, 1.0, false);
        assertArrayEquals(Pixels.bytes(ColorJitter.adjustBrightness(image, 1.5)),
                Pixels.bytes(jitter.apply(image, new SplittableRandom(4))));
    }

    @Test
    void imageCompressionEqualsAnOpenCvJpegRoundTrip() {
        Mat image = TestImages.smooth(32, 48);
        ImageCompression t = new ImageCompression(40, 40, ImageCompression.Format.JPEG, 1.0, false);
        byte[] out = Pixels.bytes(t.apply(image, new SplittableRandom(1)));
        BytePointer buf = new BytePointer();
        imencode(".jpg", image, buf, new IntPointer(IMWRITE_JPEG_QUALITY, 40));
        Mat decoded = imdecode(new Mat(buf), IMREAD_UNCHANGED);
        assertArrayEquals(Pixels.bytes(decoded), out);
        assertFalse(java.util.Arrays.equals(Pixels.bytes(image), out), "JPEG at quality 40 must change pixels");
        assertSame(image, new ImageCompression(40, 40, ImageCompression.Format.JPEG, 0.0, false)
                .apply(image, new SplittableRandom(1)));
    }

    @Test
    void gaussianBlurEqualsOpenCvWithTheDrawnKernel() {
        Mat image = TestImages.random(20, 24, 12);
        GaussianBlur t = new GaussianBlur(new int[] {5, 5}, new double[] {1.5, 1.5}, 1.0, false);
        Mat expected = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(image, expected, new Size(5, 5), 1.5);
        assertArrayEquals(Pixels.bytes(expected), Pixels.bytes(t.apply(image, new SplittableRandom(2))));
        // An even draw is bumped to the next odd size: limits (3, 7), draw 4 -> 5, sigma 0 -> from size.
        GaussianBlur ranged = new GaussianBlur(new int[] {3, 7}, new double[] {0, 0}, 1.0, false);
        ScriptedRandom script = new ScriptedRandom().thenDoubles(0.0, 0.5).thenInts(4);
        Mat expected5 = new Mat();
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(image, expected5, new Size(5, 5), 0);
        assertArrayEquals(Pixels.bytes(expected5), Pixels.bytes(ranged.apply(image, script)));
        assertTrue(script.exhausted());
    }

    @Test
    void gaussNoiseHasTheDrawnVarianceAndIsClipped() {
        Mat grey = TestImages.filled(64, 64, 128, 128, 128);
        byte[] out = Pixels.bytes(new GaussNoise(new double[] {100, 100}, 0, true, 1.0, false)
                .apply(grey, new SplittableRandom(3)));
        double sum = 0;
        double sq = 0;
        for (byte b : out) {
            // values stay positive, so the cast truncates downwards: -0.5 on average
            double d = (b & 0xFF) - 128;
            sum += d;
            sq += d * d;
        }
        double mean = sum / out.length;
        double std = Math.sqrt(sq / out.length - mean * mean);
        assertEquals(-0.5, mean, 0.3);
        assertEquals(10, std, 0.4);

        Mat white = TestImages.filled(8, 8, 255, 255, 255);
        byte[] clipped = Pixels.bytes(new GaussNoise(new double[] {400, 400}, 50, true, 1.0, false)
                .apply(white, new SplittableRandom(3)));
        for (byte b : clipped) {
            assertTrue((b & 0xFF) > 150, "mean +50 noise on white stays near 255 after clipping");
        }
        Mat same = new GaussNoise(new double[] {0, 0}, 0, true, 1.0, false).apply(grey, new SplittableRandom(3));
        assertArrayEquals(Pixels.bytes(grey), Pixels.bytes(same));
    }

    @Test
    void gaussNoiseSharedAcrossChannelsWhenNotPerChannel() {
        Mat grey = TestImages.filled(16, 16, 100, 100, 100);
        byte[] out = Pixels.bytes(new GaussNoise(new double[] {50, 50}, 0, false, 1.0, false)
                .apply(grey, new SplittableRandom(8)));
        for (int i = 0; i < out.length; i += 3) {
            assertEquals(out[i], out[i + 1]);
            assertEquals(out[i], out[i + 2]);
        }
    }

    @Test
    void uint8OnlyTransformsRefuseFloatImages() {
        Mat image = TestImages.random(4, 4, 1);
        Mat normalized = new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}, 255, 1, false)
                .apply(image, new SplittableRandom(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new GaussNoise(new double[] {1, 1}, 0, true, 1, false).apply(normalized, new SplittableRandom(0)));
        assertTrue(e.getMessage().contains("before Normalize"), e.getMessage());
    }

    private static int[] firstChannel(byte[] hwc) {
        int[] out = new int[hwc.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = hwc[3 * i] & 0xFF;
        }
        return out;
    }
}
