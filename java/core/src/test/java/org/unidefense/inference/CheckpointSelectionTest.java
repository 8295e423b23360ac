package org.unidefense.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which checkpoint of a run folder a detector loads. The three files of a tiny run carry the same
 * weights and different stored thresholds, so the threshold the detector ends up with tells which
 * file it read.
 */
class CheckpointSelectionTest {
    static final double BEST = 0.11;
    static final double BEST_VAL = 0.22;
    static final double LATEST = 0.33;

    @TempDir
    static Path dir;
    static TinyDetector tiny;
    /** best.pt, best_val.pt, latest.pt: a UniAttack run. */
    static Path uniAttackRun;
    /** best.pt and latest.pt only: an FE/OCIM run. */
    static Path forgeryRun;

    @BeforeAll
    static void setUp() throws Exception {
        tiny = new TinyDetector(dir.resolve("model"));
        uniAttackRun = run("ua", Map.of("best", BEST, "best_val", BEST_VAL, "latest", LATEST));
        forgeryRun = run("fe", Map.of("best", BEST, "latest", LATEST));
    }

    private static Path run(String id, Map<String, Double> thresholds) throws Exception {
        Path run = dir.resolve("runs/UDR18").resolve(id);
        Files.createDirectories(run);
        new ObjectMapper(new YAMLFactory()).writeValue(run.resolve("config.yaml").toFile(), tiny.config.toPlain());
        try (UniDefenseModel m = ModelRegistry.create(tiny.config.model())) {
            for (Map.Entry<String, Double> e : thresholds.entrySet()) {
                ModelCheckpoint.save(run.resolve(e.getKey() + ".pt"), m, Map.of("step", 1L), tiny.config.model(),
                        e.getValue());
            }
        }
        return run;
    }

    @Test
    void aRunWithBestValDefaultsToItAndSaysSo() {
        ModelSource s = ModelSource.resolve(uniAttackRun, null, null, null);
        assertEquals(uniAttackRun.resolve("best_val.pt"), s.checkpointFile());
        assertEquals(BEST_VAL, s.threshold());
        assertTrue(s.notes().get(0).contains("best_val.pt") && s.notes().get(0).contains("validation"),
                s.notes().toString());
        assertEquals(uniAttackRun.resolve("best_val.pt"), ModelSource.checkpointFile(uniAttackRun));
    }

    @Test
    void aRunWithoutBestValDefaultsToBest() {
        ModelSource s = ModelSource.resolve(forgeryRun, null, null, null);
        assertEquals(forgeryRun.resolve("best.pt"), s.checkpointFile());
        assertEquals(BEST, s.threshold());
        assertTrue(s.notes().get(0).contains("no best_val.pt"), s.notes().toString());
    }

    @Test
    void selectPicksEachFile() {
        assertEquals(BEST, ModelSource.resolve(uniAttackRun, CheckpointSelection.BEST, null, null).threshold());
        assertEquals(BEST_VAL, ModelSource.resolve(uniAttackRun, CheckpointSelection.BEST_VAL, null, null).threshold());
        assertEquals(LATEST, ModelSource.resolve(uniAttackRun, CheckpointSelection.LATEST, null, null).threshold());
        assertEquals(LATEST, ModelSource.resolve(forgeryRun, CheckpointSelection.LATEST, null, null).threshold());
    }

    @Test
    void impossibleSelectionsAreNamed() {
        UserInputException missing = assertThrows(UserInputException.class,
                () -> ModelSource.resolve(forgeryRun, CheckpointSelection.BEST_VAL, null, null));
        assertTrue(missing.getMessage().contains("best_val.pt") && missing.getMessage().contains("--select best_val"),
                missing.getMessage());
        UserInputException onFile = assertThrows(UserInputException.class,
                () -> ModelSource.resolve(tiny.checkpoint, CheckpointSelection.LATEST, tiny.modelFile, null));
        assertTrue(onFile.getMessage().contains("is a file"), onFile.getMessage());
        assertEquals(CheckpointSelection.BEST_VAL, CheckpointSelection.parse("Best_Val"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> CheckpointSelection.parse("newest"));
        assertTrue(bad.getMessage().contains("best|best_val|latest"), bad.getMessage());
    }

    @Test
    void detectorBuilderSelectsAndReportsTheFile() {
        try (Detector byDefault = Detector.builder().checkpoint(uniAttackRun).wholeImage().build();
             Detector latest = Detector.builder().checkpoint(uniAttackRun).select(CheckpointSelection.LATEST)
                     .wholeImage().build()) {
            assertEquals(BEST_VAL, byDefault.threshold());
            assertEquals(uniAttackRun.resolve("best_val.pt"), byDefault.checkpointFile());
            assertEquals(LATEST, latest.threshold());
            assertEquals(uniAttackRun.resolve("latest.pt"), latest.checkpointFile());
            assertTrue(latest.notes().stream().anyMatch(n -> n.contains("--select latest")), latest.notes().toString());
        }
    }
}
