package org.unidefense.demo;

import org.unidefense.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's configuration, written as ordinary model and dataset files (from templates inside the
 * jar) so that a user can read them, edit them and rerun {@code unidefense train} / {@code test} on
 * them by hand.
 *
 * @param model        the model file (UDR18 or Recce, Protocol III with replay attacks held out)
 * @param protocol3    its dataset file
 * @param protocol1    the Protocol I dataset file the model is also tested on
 */
public record DemoFiles(Path model, Path protocol3, Path protocol1) {
    private static final String TEMPLATES = "/org/unidefense/demo/";

    /**
     * Writes the three files into {@code configDir}, with dataset roots under {@code benchmark}
     * (as given: relative paths stay relative to the working directory, as in the reference).
     */
    public static DemoFiles write(Path configDir, Path benchmark, String runId, DemoOptions o) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("@ROOT@", benchmark.toString().replace('\\', '/'));
        values.put("@FRAMES@", Integer.toString(o.frames()));
        values.put("@STEPS@", Integer.toString(o.steps()));
        values.put("@LOG_STEPS@", Integer.toString(o.logSteps()));
        values.put("@VAL_STEPS@", Integer.toString(o.valSteps()));
        values.put("@SIZE@", Integer.toString(o.size()));
        values.put("@LR@", String.format(Locale.ROOT, "%s", o.learningRate()));
        values.put("@ID@", runId);
        values.put("@SEED@", Long.toString(o.seed()));
        values.put("@BATCH@", Integer.toString(o.batch()));
        String transforms = template("transforms.yml", values);
        Path p3 = configDir.resolve("data_prot3_replay.yml");
        Path p1 = configDir.resolve("data_prot1.yml");
        values.put("@DATA_FILE@", p3.toString().replace('\\', '/'));
        Path model = configDir.resolve("model_demo.yml");
        write(p3, template("data_prot3_replay.yml", values) + transforms);
        write(p1, template("data_prot1.yml", values) + transforms);
        write(model, template(o.model().equals(DemoOptions.RECCE) ? "model_demo_recce.yml" : "model_demo.yml", values));
        return new DemoFiles(model, p3, p1);
    }

    private static String template(String name, Map<String, String> values) {
        try (InputStream in = DemoFiles.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("demo template " + name + " is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo template " + name, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
