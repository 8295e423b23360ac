package org.unidefense.data.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ResolvedConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads either a model file or a dataset file for inspection. A dataset file alone is read by
 * wrapping it in a minimal test-stage model file, so it is checked by exactly the rules
 * {@link ConfigLoader} applies to a run's dataset file.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /** The resolved configuration of a model file, or of a dataset file wrapped as described. */
    public static ResolvedConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no such file");
        }
        if (isModelFile(file)) {
            return ConfigLoader.load(file, ConfigOverrides.none().withTest(true));
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile("unidefense-data-", ".yml");
            String dataset = file.toAbsolutePath().normalize().toString().replace("'", "''");
            Files.writeString(tmp, "model:\n  name: UDR18\nconfig:\n  crop: nocrop\n  id: inspect\n"
                    + "data:\n  file: '" + dataset + "'\n  test_batch_size: 1\n");
            return ConfigLoader.load(tmp, ConfigOverrides.none().withTest(true));
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static boolean isModelFile(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return root != null && root.isObject() && root.has("model") && root.has("data");
        } catch (IOException e) {
            // Let the config loader report the syntax error with its line and column.
            return true;
        }
    }
}
