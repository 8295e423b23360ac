package org.unidefense.sample;

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

/**
 * A randomly initialised UDR18 for 32 px face crops, written through the core API alone: a model
 * file and its dataset file (test transforms: resize to 32 px, normalise to [-1, 1]), and the
 * checkpoint {@link ModelCheckpoint} writes for them with a decision threshold.
 */
final class TinyCheckpoint {
    static final int SIZE = 32;
    static final double THRESHOLD = 0.5;

    final Path modelFile;
    final Path checkpoint;
    final ResolvedConfig config;

    TinyCheckpoint(Path dir) {
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve("data.yml");
            String transforms = """
                      - name: Resize
                        params: {height: %d, width: %d}
                      - name: Normalize
                        params: {mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}
                    """.formatted(SIZE, SIZE);
            // an OCIM dataset file (the shortest schema); no data is read: the loader checks the
            // keys, the Detector uses the test transforms
            Files.writeString(data, """
                    root: nowhere
                    O_root: O
                    C_root: C
                    I_root: I
                    M_root: M
                    use_lmdb: false
                    test_fpv: 1
                    train_dataset: [O]
                    dev_dataset: [C]
                    test_dataset: [C]
                    num_steps: 1
                    log_steps: 1
                    val_steps: 1
                    """ + "train_transforms:\n" + transforms + "dev_transforms:\n" + transforms
                    + "test_transforms:\n" + transforms);
            modelFile = dir.resolve("model.yml");
            Files.writeString(modelFile, """
                    model:
                      name: UDR18
                      num_classes: 2
                      extractor_weights: null
                    config:
                      crop: nocrop
                      id: sample
                    data:
                      test_batch_size: 4
                      file: "%s"
                    """.formatted(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config = ConfigLoader.load(modelFile, ConfigOverrides.none().withTest(true));
        checkpoint = dir.resolve("best_model.bin");
        try (UniDefenseModel m = ModelRegistry.create(config.model())) {
            ModelCheckpoint.save(checkpoint, m, Map.of("step", 1L), config.model(), THRESHOLD);
        }
    }

    /** A fresh model holding the checkpoint's weights, in eval mode. */
    UniDefenseModel loadedModel() {
        UniDefenseModel m = ModelRegistry.create(config.model());
        ModelCheckpoint.load(checkpoint, m);
        m.train(false);
        return m;
    }
}
