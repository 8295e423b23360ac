package org.unidefense.prepare;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.unidefense.UserInputException;
import org.unidefense.io.AtomicFiles;

/**
 * The {@code data_*.yml} / {@code model_*.yml} pair written next to prepared data, so that
 * {@code train --config <model file>} runs on it unchanged: the dataset file points at the prepared
 * root (absolute, so the pair works from any directory), the model file at the dataset file.
 * Written from templates inside the jar, like the demo's configuration.
 */
public final class ReadyConfigs {
    private static final String TEMPLATES = "/org/unidefense/prepare/";
    /** The official ImageNet file of UDR18's backbone (see ckpt/README.md). */
    static final Path RESNET18 = Path.of("ckpt", "resnet18-5c106cde.pth");

    /** How the pair is set up: input side, schedule, batch and run id. */
    public record Schedule(int size, int steps, int batch, String id) {
        public Schedule {
            if (size < 32 || steps < 1 || batch < 1) {
                throw new UserInputException("--size must be at least 32, --steps and --batch at least 1; got "
                        + size + ", " + steps + ", " + batch);
            }
        }
    }

    /** The two files written. */
    public record Written(Path data, Path model) {
    }

    private ReadyConfigs() {
    }

    /**
     * @param name         file name suffix: {@code data_<name>.yml}, {@code model_<name>.yml}
     * @param dataTemplate {@code data_ffpp.yml} or {@code data_folder.yml}
     * @param extra        template values of the dataset file beyond root, schedule and size
     */
    public static Written write(Path out, String name, String command, String engine, String dataTemplate,
                               Schedule s, Map<String, String> extra) {
        Path root = out.toAbsolutePath().normalize();
        Path data = root.resolve("data_" + name + ".yml");
        Path model = root.resolve("model_" + name + ".yml");
        Map<String, String> v = new LinkedHashMap<>(extra);
        v.put("@ROOT@", root.toString().replace('\\', '/'));
        v.put("@SIZE@", Integer.toString(s.size()));
        v.put("@STEPS@", Integer.toString(s.steps()));
        v.put("@LOG_STEPS@", Integer.toString(Math.max(1, s.steps() / 10)));
        v.put("@VAL_STEPS@", Integer.toString(Math.max(1, s.steps() / 4)));
        v.put("@ID@", s.id());
        v.put("@BATCH@", Integer.toString(s.batch()));
        v.put("@COMMAND@", command);
        v.put("@ENGINE@", engine);
        v.put("@MODEL_FILE@", model.toString().replace('\\', '/'));
        v.put("@DATA_FILE@", data.toString().replace('\\', '/'));
        v.put("@WEIGHTS@", Files.isRegularFile(RESNET18) ? RESNET18.toString().replace('\\', '/') : "null");
        write(data, template(dataTemplate, v) + template("transforms.yml", v));
        write(model, template("model.yml", v));
        return new Written(data, model);
    }

    private static String template(String name, Map<String, String> values) {
        try (InputStream in = ReadyConfigs.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("prepare template " + name + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prepare template " + name, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write: " + e, e);
        }
    }
}
