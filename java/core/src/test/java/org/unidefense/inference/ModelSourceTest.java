package org.unidefense.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a checkpoint and its config say about the model, the crop margin and the threshold. */
class ModelSourceTest {
    @TempDir
    static Path dir;
    static TinyDetector tiny;

    @BeforeAll
    static void setUp() {
        tiny = new TinyDetector(dir.resolve("model"));
    }

    /** The tiny model file with {@code crop: 4p} and the given UniAttack margin. */
    private static Path croppingModelFile(String name, String margin) throws Exception {
        String text = Files.readString(tiny.modelFile).replace("crop: nocrop", "crop: 4p\n  margin: " + margin);
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void fixedTrainingMarginIsUsedAsIs() throws Exception {
        ModelSource s = ModelSource.resolve(tiny.checkpoint, croppingModelFile("fixed.yml", "0.4"), null);
        assertEquals(0.4, s.preprocessing().margin());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
        assertEquals(TinyDetector.THRESHOLD, s.threshold());
    }

    @Test
    void marginRangeIsReplacedByTheMeanOfItsDraws() throws Exception {
        // randint(2, 6) / 10 draws 0.2, 0.3, 0.4, 0.5: mean 0.35
        ModelSource s = ModelSource.resolve(tiny.checkpoint, croppingModelFile("range.yml", "[0.2, 0.6]"), null);
        assertEquals(0.35, s.preprocessing().margin(), 1e-12);
        assertTrue(s.notes().get(0).contains("0.35"), s.notes().toString());
        assertEquals(0.7, ModelSource.resolve(tiny.checkpoint, croppingModelFile("range2.yml", "[0.2, 0.6]"), 0.7)
                .preprocessing().margin(), "--margin wins");
    }

    @Test
    void savedRunConfigGivesTheSameCropAsTheModelFile() throws Exception {
        Path run = dir.resolve("runs/UDR18/crop4p");
        Files.createDirectories(run);
        Files.copy(tiny.checkpoint, run.resolve("best.pt"));
        Map<String, Object> plain = org.unidefense.config.ConfigLoader.load(croppingModelFile("run.yml", "[0.2, 0.6]"),
                org.unidefense.config.ConfigOverrides.none().withTest(true)).toPlain();
        new ObjectMapper(new YAMLFactory()).writeValue(run.resolve("config.yaml").toFile(), plain);
        ModelSource s = ModelSource.resolve(run, null, null);
        assertEquals(run.resolve("best.pt"), s.checkpointFile());
        assertEquals(0.35, s.preprocessing().margin(), 1e-12);
        assertEquals(List.of("Resize", "Normalize"),
                s.preprocessing().transforms().transforms().stream().map(t -> t.getClass().getSimpleName()).toList());
        assertEquals(tiny.config.model(), s.model());
    }

    @Test
    void storedModelConfigsRoundTrip() {
        ModelConfig udr18 = new ModelConfig("UDR18", ModelArch.UDR18, "resnet18", null, 2, 0.5, 448, false, true, "ortho",
                null, null, null, Map.of());
        assertEquals(udr18, ModelConfig.fromStored(udr18.toPlain(), "test"));
        ModelConfig udeb4 = new ModelConfig("UDEB4", ModelArch.UDEB4, "efficientnet-b4", null, 2, 0.2, null, true, false,
                "backward", List.of(1, 2, 3), 256, 0.1, Map.of("width_coefficient", 1.2));
        assertEquals(udeb4, ModelConfig.fromStored(udeb4.toPlain(), "test"));
    }
}
