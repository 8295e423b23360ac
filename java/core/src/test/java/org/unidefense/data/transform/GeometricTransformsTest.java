package org.unidefense.data.transform;

import java.util.SplittableRandom;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeometricTransformsTest {
    private PointerScope scope;

    @BeforeEach
    void openScope() {
        scope = new PointerScope();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    private static byte[] cvResize(Mat image, int h, int w, int interpolation) {
        Mat out = new Mat();
        resize(image, out, new Size(w, h), 0, 0, interpolation);
        return Pixels.bytes(out);
    }

    @Test
    void resizeEqualsOpenCvResizeWithTheSameInterpolation() {
        Mat image = TestImages.random(50, 70, 1);
        Mat cubic = new Resize(32, 40, INTER_CUBIC, 1, false).apply(image, new SplittableRandom(0));
        assertEquals(32, cubic.rows());
        assertEquals(40, cubic.cols());
        assertArrayEquals(cvResize(image, 32, 40, INTER_CUBIC), Pixels.bytes(cubic));
        Mat linear = new Resize(32, 40, INTER_LINEAR, 1, false).apply(image, new SplittableRandom(0));
        assertArrayEquals(cvResize(image, 32, 40, INTER_LINEAR), Pixels.bytes(linear));
    }

    @Test
    void resizeToTheCurrentSizeReturnsTheImageUntouched() {
        Mat image = TestImages.random(20, 30, 2);
        assertSame(image, new Resize(20, 30, INTER_CUBIC, 1, false).apply(image, new SplittableRandom(0)));
    }

    @Test
    void horizontalFlipMirrorsColumnsWhenDrawnAndNeverAtPZero() {
        Mat image = TestImages.random(6, 9, 3);
        byte[] in = Pixels.bytes(image);
        byte[] out = Pixels.bytes(new HorizontalFlip(1.0, false).apply(image, new SplittableRandom(5)));
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 9; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(TestImages.at(in, 9, y, 8 - x, c), TestImages.at(out, 9, y, x, c));
                }
            }
        }
        HorizontalFlip never = new HorizontalFlip(0.0, false);
        for (long seed = 0; seed < 50; seed++) {
            assertSame(image, never.apply(image, new SplittableRandom(seed)));
        }
        HorizontalFlip forced = new HorizontalFlip(0.0, true);
        assertArrayEquals(out, Pixels.bytes(forced.apply(image, new SplittableRandom(5))));
    }

    @Test
    void randomResizedCropTakesTheHandComputedBoxThenResizes() {
        Mat image = TestImages.random(100, 80, 4);
        RandomResizedCrop rrc = new RandomResizedCrop(40, 30, new double[] {0.25, 0.75},
                new double[] {0.5, 2.0}, INTER_CUBIC, 1.0, false);
        // gate 0.0 < p; area fraction 0.25 + 0.5 * 0.5 = 0.5 -> 4000 px; log-ratio midpoint -> aspect 1;
        // w = h = round(sqrt(4000)) = 63; top = 10 of [0, 37], left = 5 of [0, 17].
        ScriptedRandom script = new ScriptedRandom().thenDoubles(0.0, 0.5, 0.5).thenInts(10, 5);
        Mat out = rrc.apply(image, script);
        assertTrue(script.exhausted());
        Mat crop = new Mat(image, new Rect(5, 10, 63, 63));
        assertArrayEquals(cvResize(crop, 40, 30, INTER_CUBIC), Pixels.bytes(out));
    }

    @Test
    void randomResizedCropRetriesABoxThatDoesNotFit() {
        RandomResizedCrop rrc = new RandomResizedCrop(40, 30, new double[] {0.25, 0.75},
                new double[] {0.5, 2.0}, INTER_CUBIC, 1.0, false);
        // First try: 6000 px at aspect 2 -> w = round(sqrt(12000)) = 110 > 80 columns: rejected.
        // Second try: 0.25 * 8000 = 2000 px at aspect 0.5 -> w = round(31.62) = 32, h = round(63.25) = 63.
        ScriptedRandom script = new ScriptedRandom().thenDoubles(1.0, 1.0, 0.0, 0.0).thenInts(37, 0);
        assertEquals(new RandomResizedCrop.Box(37, 0, 63, 32), rrc.chooseBox(100, 80, script));
        assertTrue(script.exhausted());
    }

    @Test
    void randomResizedCropFallsBackToACentralCropClampedToTheRatio() {
        RandomResizedCrop rrc = new RandomResizedCrop(40, 30, new double[] {1.5, 1.5},
                new double[] {1.0, 1.0}, INTER_CUBIC, 1.0, false);
        // 1.5 x the area never fits; a 100x80 image is narrower than ratio 1: 80x80 box centred.
        assertEquals(new RandomResizedCrop.Box(10, 0, 80, 80), rrc.chooseBox(100, 80, new SplittableRandom(3)));
    }

    @Test
    void randomResizedCropBoxesStayInsideAndRespectTheScaleRange() {
        RandomResizedCrop rrc = new RandomResizedCrop(64, 64, new double[] {0.2, 1.0},
                new double[] {0.75, 4.0 / 3.0}, INTER_CUBIC, 1.0, false);
        for (long seed = 0; seed < 300; seed++) {
            RandomResizedCrop.Box b = rrc.chooseBox(120, 90, new SplittableRandom(seed));
            assertTrue(b.y() >= 0 && b.x() >= 0 && b.y() + b.h() <= 120 && b.x() + b.w() <= 90, b.toString());
            double fraction = (double) b.h() * b.w() / (120 * 90);
            assertTrue(fraction > 0.18 && fraction <= 1.0, b.toString());
        }
    }
}
