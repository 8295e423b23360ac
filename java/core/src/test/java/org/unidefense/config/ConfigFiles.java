package org.unidefense.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small config files for tests, so each test shows the YAML (and its line numbers) it checks. */
public final class ConfigFiles {
    /** A complete OCIM dataset file with every key the OCIM engine needs for training. */
    public static final String OCIM_DATA = """
            root: /data
            O_root: Oulu_NPU
            C_root: CASIA_database
            I_root: replayattack
            M_root: MSU-MFSD
            train_dataset: [O, I, M]
            test_dataset: [C]
            num_steps: 100
            log_steps: 10
            val_steps: 10
            train_transforms:
              - name: Resize
                params: {height: 256, width: 256}
            test_transforms:
              - name: Resize
                params: {height: 256, width: 256}
            """;

    private ConfigFiles() {
    }

    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal UDR18 model file: only the keys the reference indexes without a default. */
    public static String minimalModel(String dataFile) {
        return """
                model:
                  name: UDR18
                config:
                  debug: false
                  distribute:
                    backend: gloo
                  optimizer:
                    name: adamw
                    weight_decay: 0.0
                  crop: nocrop
                data:
                  train_batch_size: 4
                  val_batch_size: 8
                  file: %s
                """.formatted(dataFile);
    }
}
