package org.unidefense.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/**
 * A randomly initialised UDR18 saved with {@link ModelCheckpoint} next to a model file whose
 * dataset file (from config_template/synthetic, at 32 px) holds the test transforms, plus
 * generated pictures.
 */
public final class TinyDetector {
    public static final double THRESHOLD = 0.4321;

    public final Path modelFile;
    public final Path checkpoint;
    public final ResolvedConfig config;

    public TinyDetector(Path dir) {
        try {
            Files.createDirectories(dir);
            String data = Files.readString(Path.of("config_template/synthetic/data_prot1.yml"))
                    .replace("height: 64", "height: 32").replace("width: 64", "width: 32");
            Files.writeString(dir.resolve("data.yml"), data);
            String model = Files.readString(Path.of("config_template/synthetic/model_prot1.yml"))
                    .replace("config_template/synthetic/data_prot1.yml", dir.resolve("data.yml").toString());
            modelFile = dir.resolve("model.yml");
            Files.writeString(modelFile, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = ConfigLoader.load(modelFile, ConfigOverrides.none().withTest(true));
        checkpoint = dir.resolve("best_model.bin");
        try (UniDefenseModel m = ModelRegistry.create(config.model())) {
            ModelCheckpoint.save(checkpoint, m, Map.of("step", 1L), config.model(), THRESHOLD);
        }
    }

    /** A run folder {@code runs/UDR18/<id>} holding best.pt (the same weights) and the resolved config. */
    public Path runFolder(Path runs, String id) {
        try {
            Path run = runs.resolve("UDR18").resolve(id);
            Files.createDirectories(run);
            Files.copy(checkpoint, run.resolve("best.pt"));
            new ObjectMapper(new YAMLFactory()).writeValue(run.resolve("config.yaml").toFile(), config.toPlain());
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh model with the checkpoint's weights. */
    public UniDefenseModel loadedModel() {
        UniDefenseModel m = ModelRegistry.create(config.model());
        ModelCheckpoint.load(checkpoint, m);
        m.train(false);
        return m;
    }

    /** A smooth random colour picture (blurred noise), different for each seed. */
    public static Mat picture(int width, int height, long seed) {
        byte[] px = new byte[width * height * 3];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        Mat m = new Mat(height, width, CV_8UC3);
        m.data().put(px, 0, px.length);
        Mat blurred = new Mat();
        GaussianBlur(m, blurred, new org.bytedeco.opencv.opencv_core.Size(5, 5), 1.5);
        m.close();
        return blurred;
    }

    public static Path writePicture(Path file, int width, int height, long seed) {
        try (Mat m = picture(width, height, seed)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!imwrite(file.toString(), m)) {
                throw new IllegalStateException("imwrite failed for " + file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
