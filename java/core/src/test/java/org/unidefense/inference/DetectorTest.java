package org.unidefense.inference;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.config.CropMode;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;
import org.unidefense.data.FaceCrop;
import org.unidefense.data.Sample;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.data.transform.RgbImages;
import org.unidefense.data.transform.TransformPipeline;
import org.unidefense.media.Frame;
import org.unidefense.media.MediaException;
import org.unidefense.media.VideoDecoder;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.tensor.Tensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.bytedeco.pytorch.global.torch.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector scores exactly what the test pipeline feeds the model, with the stored threshold. */
class DetectorTest {
    @TempDir
    static Path dir;
    static TinyDetector tiny;

    /** A box reaching over the right edge, so the margin crop is clamped. */
    static final FaceBox BOX = new FaceBox(40, 12, 30, 34);

    /** Built once (loading a checkpoint takes seconds here); thread-safe, so tests may share it. */
    static Detector shared;

    @BeforeAll
    static void setUp() {
        tiny = new TinyDetector(dir.resolve("model"));
        shared = builder().build();
    }

    @AfterAll
    static void tearDown() {
        shared.close();
    }

    private static Detector.Builder builder() {
        return Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).batchSize(4)
                .faces((item, frame, bgr) -> List.of(BOX));
    }

    /** P(real), P(attack) through the data package's own pieces: decode, 4p crop, test transforms, forward, softmax. */
    private static float[] directScores(UniDefenseModel model, Path image, FaceBox box, double margin) {
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Mat rgb = RgbImages.read(image);
            Sample s = new Sample("x/0.png", "x/0.png", 0, "x", "m", "src", box, List.of());
            CropRect r = FaceCrop.rect(s, CropMode.FOUR_POINT, margin, rgb.cols(), rgb.rows());
            Mat crop = new Mat(rgb, new Rect(r.x1(), r.y1(), r.width(), r.height())).clone();
            TransformPipeline test = TransformPipeline.fromSpecs(
                    SplitLoaders.asMaps(tiny.config.dataset().common().transformsOf("test")));
            ChwImage in = test.apply(crop, new SplittableRandom(1));
            Tensor x = Tensors.fromFloats(in.data(), 1, in.channels(), in.height(), in.width());
            return Tensors.toFloats(softmax(model.forward(x).clsOut(), 1).contiguous());
        }
    }

    @Test
    void scoresEqualTheModelOnTheTestPipelinesCrop() {
        Path image = TinyDetector.writePicture(dir.resolve("img/a.png"), 80, 60, 1);
        float[] expected;
        try (UniDefenseModel m = tiny.loadedModel()) {
            expected = directScores(m, image, BOX, ModelSource.DEFAULT_MARGIN);
        }
        Detector d = shared;
        assertEquals(TinyDetector.THRESHOLD, d.threshold(), "the checkpoint's stored threshold");
        assertEquals(ModelSource.DEFAULT_MARGIN, d.preprocessing().margin(), "nocrop config: default margin");
        List<FaceScore> faces = d.detect(image);
        assertEquals(1, faces.size());
        FaceScore f = faces.get(0);
        assertEquals(expected[0], f.pReal(), 1e-6);
        assertEquals(expected[1], f.pAttack(), 1e-6);
        assertEquals(BOX, f.box());
        assertEquals(f.pReal() > TinyDetector.THRESHOLD ? Decision.REAL : Decision.ATTACK, f.decision());
    }

    @Test
    void marginOptionChangesTheCropAndStillMatches() {
        Path image = TinyDetector.writePicture(dir.resolve("img/m.png"), 80, 60, 2);
        float[] wide;
        float[] tight;
        try (UniDefenseModel m = tiny.loadedModel()) {
            wide = directScores(m, image, BOX, 1.0);
            tight = directScores(m, image, BOX, 0.3);
        }
        assertNotEquals(wide[0], tight[0], "the margin matters for this picture");
        try (Detector d = builder().margin(1.0).build()) {
            assertEquals(wide[0], d.detect(image).get(0).pReal(), 1e-6);
        }
    }

    @Test
    void runFolderResolvesBestAndItsSavedConfig() {
        Path run = tiny.runFolder(dir.resolve("runs"), "r1");
        Path image = TinyDetector.writePicture(dir.resolve("img/b.png"), 64, 64, 3);
        try (Detector fromRun = Detector.builder().checkpoint(run).faces((i, f, b) -> List.of(BOX)).build()) {
            Detector fromFile = shared;
            assertEquals(fromFile.detect(image).get(0).pReal(), fromRun.detect(image).get(0).pReal(), 1e-7);
            assertEquals(TinyDetector.THRESHOLD, fromRun.threshold());
        }
    }

    @Test
    void referenceCheckpointNeedsTheModelFileAndDefaultsTheThreshold() throws Exception {
        // the reference's engines: {"step", "best_step", "best_auc", "model": state_dict}, nothing else
        Path ref = dir.resolve("ref/best_model.bin");
        try (UniDefenseModel m = tiny.loadedModel()) {
            Files.createDirectories(ref.getParent());
            org.unidefense.checkpoint.TorchSaveWriter.write(Map.of("step", 5L, "best_step", 5L,
                    "model", referenceStateDict(m)), ref);
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> Detector.builder().checkpoint(ref).wholeImage().build());
        assertTrue(e.getMessage().contains("--config"), e.getMessage());
        Path image = TinyDetector.writePicture(dir.resolve("img/c.png"), 50, 50, 4);
        try (Detector d = Detector.builder().checkpoint(ref).config(tiny.modelFile).wholeImage().build();
             Detector own = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).wholeImage().build()) {
            assertEquals(ModelSource.DEFAULT_THRESHOLD, d.threshold());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("no decision threshold")), d.notes().toString());
            assertEquals(own.detect(image).get(0).pReal(), d.detect(image).get(0).pReal(), 1e-7);
            assertEquals(null, d.detect(image).get(0).box(), "whole picture");
        }
    }

    private static org.unidefense.checkpoint.PyOrderedDict referenceStateDict(UniDefenseModel m) {
        org.unidefense.checkpoint.PyOrderedDict sd = new org.unidefense.checkpoint.PyOrderedDict();
        try (PointerScope s = new PointerScope()) {
            m.stateDict().forEach((k, v) -> sd.put(k, org.unidefense.checkpoint.LibtorchTensors.fromTensor(v)));
        }
        return sd;
    }

    @Test
    void batchedListEqualsOneByOneAndBufferedImagesWork() throws Exception {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            images.add(TinyDetector.writePicture(dir.resolve("img/list" + i + ".png"), 70 + i, 60, 10 + i));
        }
        Detector d = shared;
        List<List<FaceScore>> batched = d.detect(images);
        for (int i = 0; i < images.size(); i++) {
            assertEquals(d.detect(images.get(i)).get(0).pReal(), batched.get(i).get(0).pReal(), 1e-6);
        }
        java.awt.image.BufferedImage awt = javax.imageio.ImageIO.read(images.get(0).toFile());
        assertEquals(batched.get(0).get(0).pReal(), d.detect(awt).get(0).pReal(), 1e-6);
    }

    @Test
    void concurrentCallersGetTheSequentialResults() throws Exception {
        List<Path> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(TinyDetector.writePicture(dir.resolve("img/t" + i + ".png"), 64, 64, 100 + i));
        }
        Detector d = shared;
        double[] sequential = images.stream().mapToDouble(p -> d.detect(p).get(0).pReal()).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (Path p : images) {
                    futures.add(pool.submit(() -> d.detect(p).get(0).pReal()));
                }
            }
            for (int k = 0; k < futures.size(); k++) {
                assertEquals(sequential[k % images.size()], futures.get(k).get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void videoScoreIsTheMeanOfTheFramesLargestFaces() {
        Mat[] frames = {TinyDetector.picture(64, 48, 7), TinyDetector.picture(64, 48, 8), TinyDetector.picture(64, 48, 9)};
        VideoDecoder fake = (video, k) -> {
            assertEquals(3, k);
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < frames.length; i++) {
                out.add(new Frame(i * 10, frames[i].clone()));
            }
            return out;
        };
        FaceBox small = new FaceBox(2, 2, 10, 10);
        FaceSource faces = (item, frame, bgr) -> switch (frame) {
            case 0 -> List.of(BOX, small);        // largest first: BOX counts for the mean
            case 10 -> List.of();                 // no face in this frame
            default -> List.of(BOX);
        };
        try (Detector d = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).faces(faces)
                .framesPerVideo(3).decoders(InputDecoders.defaults().withVideos(fake)).build()) {
            VideoScore v = d.detectVideo(Path.of("clip.avi"));
            assertEquals(3, v.framesSampled());
            assertEquals(2, v.framesScored());
            assertEquals(3, v.faces().size());
            double f0 = d.detect(frames[0]).get(0).pReal();
            double f2 = d.detect(frames[2]).get(0).pReal();
            assertEquals((f0 + f2) / 2, v.meanPReal(), 1e-6);
            assertEquals(List.of(0, 0, 20), v.faces().stream().map(FaceScore::frame).toList());
            assertEquals(Decision.of(v.meanPReal(), TinyDetector.THRESHOLD), v.decision());

            Detector noFaces = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile)
                    .faces((i, f, b) -> List.of()).decoders(InputDecoders.defaults().withVideos(fake))
                    .framesPerVideo(3).build();
            try (noFaces) {
                MediaException e = assertThrows(MediaException.class, () -> noFaces.detectVideo(Path.of("clip.avi")));
                assertTrue(e.getMessage().contains("no face found in any of the 3 sampled frames"), e.getMessage());
            }
        } finally {
            for (Mat m : frames) {
                m.close();
            }
        }
    }

    @Test
    void decisionFollowsTheMetricsConvention() {
        assertEquals(Decision.REAL, Decision.of(0.51, 0.5));
        assertEquals(Decision.ATTACK, Decision.of(0.5, 0.5), "real only strictly above the threshold");
        assertEquals(Decision.ATTACK, Decision.of(0.2, 0.5));
        assertEquals(Decision.ATTACK, Decision.of(0.99, Double.POSITIVE_INFINITY));
    }

    @Test
    void aFaceDetectorThatCannotBeCreatedFailsAtBuildNotAtTheFirstPicture() {
        InputDecoders broken = InputDecoders.defaults().withHaar(() -> {
            throw new UserInputException("no cascade here; use --faces none");
        });
        UserInputException e = assertThrows(UserInputException.class,
                () -> Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).decoders(broken).build());
        assertTrue(e.getMessage().contains("--faces none"), e.getMessage());
    }

    @Test
    void missingCheckpointAndRunFolderWithoutBestAreClearErrors() throws Exception {
        UserInputException e1 = assertThrows(UserInputException.class,
                () -> Detector.builder().checkpoint(dir.resolve("nope.pt")).wholeImage().build());
        assertTrue(e1.getMessage().contains("no such file"), e1.getMessage());
        Path empty = Files.createDirectories(dir.resolve("runs/UDR18/empty"));
        UserInputException e2 = assertThrows(UserInputException.class,
                () -> Detector.builder().checkpoint(empty).wholeImage().build());
        assertTrue(e2.getMessage().contains("best.pt"), e2.getMessage());
    }
}
