package org.unidefense.data.transform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformPipelineTest {

    private static Map<String, Object> spec(String name, Map<String, Object> params) {
        return Map.of("name", name, "params", params);
    }

    /** The reference's UniAttack training list (256 px here to keep the test fast). */
    private static List<Map<String, Object>> referenceTrainSpecs() {
        return List.of(
                spec("RandomResizedCrop", Map.of("height", 256, "width", 256, "interpolation", 2, "p", 1.0,
                        "scale", List.of(0.2, 1.0))),
                spec("HorizontalFlip", Map.of("p", 0.5)),
                spec("Normalize", Map.of("mean", List.of(0.5, 0.5, 0.5), "std", List.of(0.5, 0.5, 0.5))));
    }

    @Test
    void referenceTrainListGivesNormalisedChwOfTheRequestedSize() {
        TransformPipeline pipeline = TransformPipeline.fromSpecs("train_transforms", referenceTrainSpecs());
        try (PointerScope s = new PointerScope()) {
            Mat image = TestImages.random(300, 240, 5);
            ChwImage out = pipeline.apply(image, new SplittableRandom(1));
            assertEquals(3, out.channels());
            assertEquals(256, out.height());
            assertEquals(256, out.width());
            for (float v : out.data()) {
                assertTrue(v >= -1f && v <= 1f);
            }
        }
    }

    @Test
    void chwLayoutPutsEachChannelInItsOwnPlane() {
        TransformPipeline pipeline = TransformPipeline.fromSpecs(List.of(
                spec("Normalize", Map.of("mean", 0.0, "std", 1.0, "max_pixel_value", 1.0))));
        try (PointerScope s = new PointerScope()) {
            Mat image = TestImages.random(3, 5, 6);
            byte[] hwc = Pixels.bytes(image);
            ChwImage out = pipeline.apply(image, new SplittableRandom(0));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(TestImages.at(hwc, 5, y, x, c), out.at(c, y, x));
                    }
                }
            }
            float[] batch = new float[2 * 45];
            out.copyInto(batch, 1);
            assertArrayEquals(out.data(), Arrays.copyOfRange(batch, 45, 90));
        }
    }

    @Test
    void sameSeedSameResultWhicheverThreadRunsIt() {
        TransformPipeline pipeline = TransformPipeline.fromSpecs(List.of(
                spec("RandomResizedCrop", Map.of("height", 48, "width", 48, "scale", List.of(0.3, 1.0))),
                spec("HorizontalFlip", Map.of()),
                spec("OneOf", Map.of("p", 0.9, "transforms", List.of(
                        spec("GaussianBlur", Map.of("blur_limit", List.of(3, 5))),
                        spec("GaussNoise", Map.of("var_limit", List.of(5.0, 20.0))),
                        spec("ImageCompression", Map.of("quality_lower", 30, "quality_upper", 90))))),
                spec("ColorJitter", Map.of("p", 0.8)),
                spec("RandomBrightnessContrast", Map.of("p", 0.8)),
                spec("Normalize", Map.of())));
        Mat image = TestImages.smooth(64, 80);
        List<float[]> sequential = new ArrayList<>();
        for (int seed = 0; seed < 24; seed++) {
            sequential.add(pipeline.apply(image, new SplittableRandom(seed)).data());
        }
        List<float[]> parallel = IntStream.range(0, 24).parallel()
                .mapToObj(seed -> pipeline.apply(image, new SplittableRandom(seed)).data()).toList();
        for (int i = 0; i < 24; i++) {
            assertArrayEquals(sequential.get(i), parallel.get(i), "seed " + i);
        }
        assertFalse(Arrays.equals(sequential.get(0), sequential.get(1)), "different seeds should differ");
        image.close();
    }

    @Test
    void oneOfPicksChildrenByTheirPAndForcesThePick() {
        // Flip (p 0.25) or resize to 4x4 (p 0.75): the chosen child always runs, whatever its own p.
        TransformPipeline pipeline = TransformPipeline.fromSpecs(List.of(spec("OneOf", Map.of("p", 1.0,
                "transforms", List.of(spec("HorizontalFlip", Map.of("p", 0.25)),
                        spec("Resize", Map.of("height", 4, "width", 4, "p", 0.75)))))));
        Mat image = TestImages.random(6, 6, 2);
        ChwImage flippedReference = TransformPipeline.toChw(new HorizontalFlip(1, false).apply(image, new SplittableRandom(0)));
        int flips = 0;
        int n = 2000;
        for (int seed = 0; seed < n; seed++) {
            ChwImage out = pipeline.apply(image, new SplittableRandom(seed));
            if (out.height() == 6) {
                assertArrayEquals(flippedReference.data(), out.data());
                flips++;
            } else {
                assertEquals(4, out.height());
            }
        }
        assertEquals(0.25, flips / (double) n, 0.035);

        TransformPipeline never = TransformPipeline.fromSpecs(List.of(spec("OneOf", Map.of("p", 0.0,
                "transforms", List.of(spec("HorizontalFlip", Map.of("p", 1.0)))))));
        assertArrayEquals(TransformPipeline.toChw(image).data(), never.apply(image, new SplittableRandom(3)).data());
        image.close();
    }

    /** Every transform with its probability left to the caller, and parameters that always change pixels. */
    private static List<Map<String, Object>> everyTransformWithP(double p) {
        return List.of(
                spec("Resize", Map.of("height", 20, "width", 30, "p", p)),
                spec("RandomResizedCrop", Map.of("height", 24, "width", 24, "p", p)),
                spec("HorizontalFlip", Map.of("p", p)),
                spec("Normalize", Map.of("p", p)),
                spec("ImageCompression", Map.of("quality_lower", 20, "quality_upper", 30, "p", p)),
                spec("GaussianBlur", Map.of("blur_limit", List.of(5, 7), "p", p)),
                spec("GaussNoise", Map.of("var_limit", List.of(50.0, 80.0), "p", p)),
                spec("RandomBrightnessContrast", Map.of("brightness_limit", List.of(0.2, 0.3), "p", p)),
                spec("ColorJitter", Map.of("brightness", List.of(1.3, 1.5), "p", p)),
                spec("OneOf", Map.of("p", p, "transforms", List.of(spec("HorizontalFlip", Map.of())))));
    }

    @Test
    void pZeroNeverAppliesAndPOneAlwaysApplies() {
        Mat image = TestImages.random(32, 40, 21);
        float[] original = TransformPipeline.toChw(image).data();
        for (int i = 0; i < everyTransformWithP(0).size(); i++) {
            TransformPipeline never = TransformPipeline.fromSpecs(List.of(everyTransformWithP(0.0).get(i)));
            TransformPipeline always = TransformPipeline.fromSpecs(List.of(everyTransformWithP(1.0).get(i)));
            String name = (String) everyTransformWithP(0).get(i).get("name");
            for (long seed = 0; seed < 5; seed++) {
                assertArrayEquals(original, never.apply(image, new SplittableRandom(seed)).data(), name + " at p=0");
                assertFalse(Arrays.equals(original, always.apply(image, new SplittableRandom(seed)).data()),
                        name + " at p=1");
            }
        }
        image.close();
    }

    @Test
    void unknownTransformNameListsTheValidOnes() {
        UserInputException e = assertThrows(UserInputException.class, () -> TransformPipeline.fromSpecs(
                "train_transforms", List.of(spec("Resize", Map.of("height", 8, "width", 8)),
                        spec("RandomCrop", Map.of()))));
        assertTrue(e.getMessage().startsWith("train_transforms[1]: unknown transform 'RandomCrop'"), e.getMessage());
        for (String name : TransformPipeline.knownNames()) {
            assertTrue(e.getMessage().contains(name), name);
        }
    }

    @Test
    void badParametersAreNamed() {
        assertMessage("transforms[0] (Resize): parameter 'width' is required",
                List.of(spec("Resize", Map.of("height", 8))));
        assertMessage("transforms[0] (Resize): unknown parameter 'heigth'",
                List.of(spec("Resize", Map.of("heigth", 8, "height", 8, "width", 8))));
        assertMessage("transforms[0] (HorizontalFlip): parameter 'p' must be a probability",
                List.of(spec("HorizontalFlip", Map.of("p", 1.5))));
        assertMessage("transforms[0] (GaussianBlur): parameter 'blur_limit' must hold odd sizes",
                List.of(spec("GaussianBlur", Map.of("blur_limit", List.of(3, 6)))));
        assertMessage("transforms[0] (RandomResizedCrop): parameter 'interpolation' must be an OpenCV code",
                List.of(spec("RandomResizedCrop", Map.of("height", 8, "width", 8, "interpolation", 9))));
        assertMessage("transforms[0] (Normalize): parameter 'mean' must be a number, got half",
                List.of(spec("Normalize", Map.of("mean", "half"))));
        assertMessage("transforms[0].transforms[1]: unknown transform 'Blur'",
                List.of(spec("OneOf", Map.of("transforms", List.of(spec("HorizontalFlip", Map.of()),
                        spec("Blur", Map.of()))))));
        assertMessage("transforms[0] (ImageCompression): parameter 'quality_upper' must be in [quality_lower, 100]",
                List.of(spec("ImageCompression", Map.of("quality_lower", 50, "quality_upper", 40))));
    }

    private static void assertMessage(String prefix, List<Map<String, Object>> specs) {
        UserInputException e = assertThrows(UserInputException.class, () -> TransformPipeline.fromSpecs(specs));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    @Test
    void imagesAreReadAsRgb(@TempDir Path dir) {
        try (PointerScope s = new PointerScope()) {
            // OpenCV writes Mats as BGR: this pixel is blue 10, green 20, red 200 on disk.
            Mat bgr = Pixels.fromBytes(new byte[] {10, 20, (byte) 200}, 1, 1, 3);
            Path file = dir.resolve("pixel.png");
            imwrite(file.toString(), bgr);
            assertArrayEquals(new byte[] {(byte) 200, 20, 10}, Pixels.bytes(RgbImages.read(file)));
            UserInputException e = assertThrows(UserInputException.class, () -> RgbImages.read(dir.resolve("none.png")));
            assertTrue(e.getMessage().contains("none.png"));
        }
    }
}
