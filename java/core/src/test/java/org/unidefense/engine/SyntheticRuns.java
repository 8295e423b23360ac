package org.unidefense.engine;

import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.syntheticset.SyntheticDatasetWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny synthetic UniAttack benchmark (32 px, one video of three frames per method and split) and
 * run configurations over it, derived from config_template/synthetic with small batches and steps.
 */
public final class SyntheticRuns {
    private final Path root;
    private final Path bench;

    public SyntheticRuns(Path root) {
        this.root = root;
        this.bench = root.resolve("bench");
        SyntheticDatasetWriter.write(bench, new SyntheticDatasetWriter.Options(7, 32, 1, 3));
    }

    /** The synthetic benchmark's root (the data files' roots point into it). */
    public Path bench() {
        return bench;
    }

    public Path runs() {
        return root.resolve("runs");
    }

    /**
     * Writes a model file of protocol {@code prot} with {@code id}, {@code steps} training steps
     * validated every {@code valSteps}, and {@code extraConfig} lines appended to the config block.
     */
    public Path modelFile(int prot, String id, int steps, int valSteps, String extraConfig) {
        try {
            Path dir = root.resolve("cfg-" + id);
            Files.createDirectories(dir);
            String data = Files.readString(Path.of("config_template/synthetic/data_prot" + prot + ".yml"))
                    .replace("synthetic_uniattack", bench.toString())
                    .replace("height: 64", "height: 32").replace("width: 64", "width: 32")
                    .replaceAll("(?m)^num_steps: .*$", "num_steps: " + steps)
                    .replaceAll("(?m)^log_steps: .*$", "log_steps: 1")
                    .replaceAll("(?m)^val_steps: .*$", "val_steps: " + valSteps);
            Files.writeString(dir.resolve("data.yml"), data);
            String model = Files.readString(Path.of("config_template/synthetic/model_prot" + prot + ".yml"))
                    .replace("config_template/synthetic/data_prot" + prot + ".yml", dir.resolve("data.yml").toString())
                    .replaceAll("(?m)^  id: .*$", "  id: " + id)
                    .replace("train_batch_size: 4", "train_batch_size: 2\n  num_workers: 1")
                    .replace("config:\n", "config:\n" + extraConfig.indent(2));
            Files.writeString(dir.resolve("model.yml"), model);
            return dir.resolve("model.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResolvedConfig load(Path modelFile) {
        return ConfigLoader.load(modelFile);
    }
}
