package org.unidefense.bench;

import org.unidefense.inference.Detector;
import org.unidefense.inference.FaceSource;
import org.unidefense.inference.InputDecoders;
import org.unidefense.inference.InputExpander;
import org.unidefense.inference.InputItem;
import org.unidefense.inference.ModelSource;
import org.unidefense.inference.PredictionRun;
import org.unidefense.inference.PredictionSummary;
import org.unidefense.inference.Preprocessing;
import org.unidefense.face.FaceDetector;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.UserInputException;
import org.unidefense.bench.TimingStats;
import org.unidefense.data.FaceBox;
import org.unidefense.data.loader.RgbEncoder;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.data.transform.TransformPipeline;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.DeviceSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end throughput of {@code predict}: rendered synthetic faces written as JPEG files go
 * through decoding, face finding, cropping, test transforms and batched model forwards
 * ({@link PredictionRun}), timed per pass over all files after one warm-up pass.
 */
public final class PredictBench {
    /** Side of the generated pictures; faces are cropped from them and resized to the model size. */
    public static final int PICTURE_SIZE = 320;

    private PredictBench() {
    }

    /**
     * @param faces  how faces were found: the Haar detector, or a fixed central box when none is available
     * @param failed pictures of a pass without a face (or otherwise not scored); they still count as processed
     */
    public record Result(String faces, int images, int failed, int batch, int workers, TimingStats secondsPerPass) {
        public double imagesPerSecond() {
            return images / secondsPerPass.medianSeconds();
        }
    }

    /** Runs the benchmark; the model is closed afterwards. */
    public static Result run(UniDefenseModel model, int size, int batch, int workers, int images, int repeats,
                             InputDecoders decoders) {
        return run(model, size, batch, workers, images, repeats, decoders, DeviceSpec.AUTO);
    }

    /** As {@link #run(UniDefenseModel, int, int, int, int, int, InputDecoders)} with the model on {@code device}. */
    public static Result run(UniDefenseModel model, int size, int batch, int workers, int images, int repeats,
                             InputDecoders decoders, DeviceSpec device) {
        Path dir = writePictures(images);
        try {
            List<InputItem> items = InputExpander.expand(List.of(dir.toString()));
            Preprocessing pre = new Preprocessing(TransformPipeline.fromSpecs(List.of(
                    Map.of("name", "Resize", "params", Map.of("height", size, "width", size)),
                    Map.of("name", "Normalize", "params", Map.of("mean", List.of(0.5, 0.5, 0.5),
                            "std", List.of(0.5, 0.5, 0.5))))), ModelSource.DEFAULT_MARGIN, "bench");
            Detector.Builder b = Detector.builder().model(model, pre, ModelSource.DEFAULT_THRESHOLD).batchSize(batch)
                    .decoders(decoders).device(device);
            String facesName = "haar";
            if (!haarAvailable(decoders)) {
                facesName = "fixed central box (no Haar detector in this build)";
                FaceBox box = new FaceBox(PICTURE_SIZE / 8, PICTURE_SIZE / 8, PICTURE_SIZE * 3 / 4, PICTURE_SIZE * 3 / 4);
                b.faces((FaceSource) (item, frame, bgr) -> List.of(box));
            }
            double[] seconds = new double[repeats];
            int failed = 0;
            try (Detector d = b.build()) {
                PredictionRun run = new PredictionRun(d, workers, null);
                for (int pass = -1; pass < repeats; pass++) {
                    PredictionSummary s = run.run(items, r -> { });
                    failed = s.failed();
                    if (pass >= 0) {
                        seconds[pass] = s.seconds();
                    }
                }
            }
            return new Result(facesName, images, failed, batch, workers, TimingStats.of(seconds));
        } finally {
            deleteTree(dir);
        }
    }

    private static boolean haarAvailable(InputDecoders decoders) {
        try {
            FaceDetector probe = decoders.haar().get();
            if (probe instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a probe that cannot close still proved the detector exists
                }
            }
            return true;
        } catch (UserInputException e) {
            return false;
        }
    }

    private static Path writePictures(int images) {
        try {
            Path dir = Files.createTempDirectory("unidefense-predict-bench");
            SyntheticFaces render = new SyntheticFaces(PICTURE_SIZE);
            for (int i = 0; i < images; i++) {
                SampleKind kind = i % 2 == 0 ? SampleKind.BONA_FIDE : SampleKind.FACE_SWAP;
                try (Mat rgb = render.render(i, 1000 + i, kind)) {
                    Files.write(dir.resolve(String.format("%05d.jpg", i)), RgbEncoder.encode(rgb, ".jpg"));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark pictures", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
