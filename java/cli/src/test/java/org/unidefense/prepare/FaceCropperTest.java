package org.unidefense.prepare;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.face.HaarCascadeDetector;
import org.unidefense.media.MediaException;

class FaceCropperTest {
    @TempDir
    Path dir;

    /** A picture with a large face on the left and a smaller one on the right. */
    private Path twoFaces() {
        Path file = dir.resolve("two.png");
        try (PointerScope scope = new PointerScope()) {
            Mat canvas = new Mat(256, 456, CV_8UC3, new Scalar(128, 128, 128, 0));
            Mat large = new SyntheticFaces(256).render(2, 2, SampleKind.BONA_FIDE);
            Mat small = new SyntheticFaces(160).render(3, 3, SampleKind.BONA_FIDE);
            cvtColor(large, new Mat(canvas, new Rect(0, 0, 256, 256)), COLOR_RGB2BGR);
            cvtColor(small, new Mat(canvas, new Rect(276, 40, 160, 160)), COLOR_RGB2BGR);
            assertTrue(imwrite(file.toString(), canvas));
        }
        return file;
    }

    @Test
    void theLargestFaceByDefaultAndEveryFaceWithAllFaces() {
        Path picture = twoFaces();
        try (HaarCascadeDetector haar = new HaarCascadeDetector()) {
            FaceCropper.Result one = new FaceCropper(haar, new CropSettings(1, 0.3, false, "haar")).crop(picture);
            assertEquals(1, one.crops().size());
            assertEquals("0000.png", one.crops().get(0).face().file());
            assertTrue(one.crops().get(0).face().box().x() < 256, "the large face is on the left");

            FaceCropper.Result all = new FaceCropper(haar, new CropSettings(1, 0.3, true, "haar")).crop(picture);
            assertEquals(List.of("0000.png", "0000_1.png"), all.crops().stream().map(c -> c.face().file()).toList());
            assertTrue(all.crops().get(1).face().box().x() > 256, "the second crop is the small face on the right");
            assertEquals(one.crops().get(0).face(), all.crops().get(0).face());
        }
    }

    @Test
    void aFolderOfFramesIsOneVideoSampledEvenly() throws Exception {
        Path frames = Files.createDirectories(dir.resolve("clip"));
        for (int i = 0; i < 5; i++) {
            Files.copy(twoFaces(), frames.resolve(String.format("f%02d.png", i)));
        }
        Files.writeString(frames.resolve("notes.txt"), "ignored");
        try (HaarCascadeDetector haar = new HaarCascadeDetector()) {
            FaceCropper.Result r = new FaceCropper(haar, new CropSettings(3, 0.3, false, "haar")).crop(frames);
            assertEquals(3, r.framesRead());
            assertEquals(List.of(0, 2, 4), r.crops().stream().map(c -> c.face().frame()).toList());
            // margin 0.3: the crop is the box grown by int(w*0.3/2) on each side (inside the picture here)
            var c = r.crops().get(0).face();
            assertEquals(c.box().x() - (int) (c.box().width() * 0.3 / 2), c.crop().x1());
            assertEquals(c.box().x() + c.box().width() + (int) (c.box().width() * 0.3 / 2), c.crop().x2());
        }
    }

    @Test
    void anEmptyFolderIsAMediaError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (HaarCascadeDetector haar = new HaarCascadeDetector()) {
            assertThrows(MediaException.class,
                    () -> new FaceCropper(haar, new CropSettings(3, 0.3, false, "haar")).crop(empty));
        }
    }

    @Test
    void synthCommandWritesTheFfppDownloadTree() {
        Path out = dir.resolve("dl");
        CliRun r = new CliRun("synth", "--ffpp-videos", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(Files.isRegularFile(out.resolve("splits/val.json")));
        assertTrue(Files.isRegularFile(out.resolve("manipulated_sequences/NeuralTextures/c23/videos/004_005.mp4")));
        assertEquals(3, new CliRun("synth", "--ffpp-videos", "--out", out.toString()).code, "refuses a used folder");
    }
}
