package org.unidefense.sample;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.inference.Decision;
import org.unidefense.inference.Detector;
import org.unidefense.inference.FaceScore;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample scores a generated face picture with {@link Detector} built from a checkpoint, on a
 * class path that holds unidefense-core and its dependencies only.
 */
class ScoreFaceCropsTest {
    @TempDir
    static Path dir;
    static TinyCheckpoint tiny;

    @BeforeAll
    static void writeCheckpoint() {
        tiny = new TinyCheckpoint(dir.resolve("model"));
    }

    @Test
    void coreAloneCarriesNoCommandLine() {
        // what a service depending on unidefense-core gets: no picocli, no slf4j binding, no CLI classes
        for (String absent : List.of("picocli.CommandLine", "org.slf4j.simple.SimpleLogger",
                "org.unidefense.cli.Main", "org.unidefense.demo.DemoRun")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(absent), absent);
        }
    }

    @Test
    void scoreEqualsTheModelsOwnForwardOnTheNormalisedPixels() {
        BufferedImage face = face(0);
        Path png = writePng(face, dir.resolve("faces/a.png"));
        float[] expected;
        try (UniDefenseModel model = tiny.loadedModel()) {
            expected = probabilities(model, face);
        }
        try (Detector detector = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile)
                .wholeImage().build()) {
            assertEquals(TinyCheckpoint.THRESHOLD, detector.threshold(), "the checkpoint's stored threshold");
            List<FaceScore> faces = detector.detect(png);
            assertEquals(1, faces.size(), "a whole picture is one face");
            FaceScore f = faces.get(0);
            assertEquals(expected[0], f.pReal(), 1e-5, "P(real)");
            assertEquals(expected[1], f.pAttack(), 1e-5, "P(attack)");
            assertTrue(f.pReal() >= 0 && f.pReal() <= 1, "a probability: " + f.pReal());
            assertEquals(f.pReal() > TinyCheckpoint.THRESHOLD ? Decision.REAL : Decision.ATTACK, f.decision());
            assertEquals(f.pReal(), detector.detect(png).get(0).pReal(), 0.0, "the same picture, the same score");
        }
    }

    @Test
    void sampleProgramScoresEachPictureAndTellsThemApart() {
        Path a = writePng(face(0), dir.resolve("faces/s0.png"));
        Path b = writePng(face(1), dir.resolve("faces/s1.png"));
        List<String> lines = ScoreFaceCrops.score(tiny.checkpoint, tiny.modelFile, List.of(a, b, a));
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith(a + " P(real)="), lines.get(0));
        assertEquals(lines.get(0), lines.get(2), "the same picture, the same line");
        assertNotEquals(pReal(lines.get(0)), pReal(lines.get(1)), "a different face, a different score");
    }

    private static double pReal(String line) {
        return Double.parseDouble(line.replaceAll(".*P\\(real\\)=(\\S+).*", "$1"));
    }

    /**
     * P(real), P(attack) computed here from the picture's own pixels: the test transforms by hand
     * (the picture is already 32 px, so resizing leaves it as is; (v / 255 - 0.5) / 0.5 per RGB
     * channel, channels first), then the model's forward and a softmax.
     */
    private static float[] probabilities(UniDefenseModel model, BufferedImage img) {
        int n = TinyCheckpoint.SIZE;
        float[] chw = new float[3 * n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int rgb = img.getRGB(x, y);
                int[] c = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int k = 0; k < 3; k++) {
                    chw[(k * n + y) * n + x] = (c[k] / 255f - 0.5f) / 0.5f;
                }
            }
        }
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = Tensors.fromFloats(chw, 1, 3, n, n);
            return Tensors.toFloats(softmax(model.forward(x).clsOut(), 1).contiguous());
        }
    }

    /** A cartoon face on a 32 px crop; {@code variant} moves the features and changes the skin tone. */
    static BufferedImage face(int variant) {
        int n = TinyCheckpoint.SIZE;
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(70, 90, 120));
        g.fillRect(0, 0, n, n);
        g.setColor(variant == 0 ? new Color(224, 180, 150) : new Color(170, 120, 90));
        g.fillOval(5, 2 + variant, 22, 28);
        g.setColor(new Color(40, 30, 30));
        g.fillOval(10 + variant, 11, 4, 3);
        g.fillOval(19 - variant, 11, 4, 3);
        g.setColor(new Color(150, 60, 60));
        g.fillRect(12, 22 + variant, 8, 2);
        g.dispose();
        return img;
    }

    static Path writePng(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(img, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
