package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.inference.TinyDetector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unidefense train} and {@code test} with a model file and dataset file in RECCE's schema
 * (config/Recce.yml with data branches, config/dataset/dfdc.yml with train_cfg / test_cfg; this
 * test's own values) on a tiny DFDC layout of 32 px frames generated here: RECCE's step trains,
 * validates on the test split as RECCE's config says, and the test stage scores every test frame.
 */
class RecceConfigCommandTest {
    @TempDir
    static Path tmp;
    static Path modelFile;

    private static void video(String folder, int frames, long seed) {
        for (int i = 0; i < frames; i++) {
            TinyDetector.writePicture(tmp.resolve("dfdc").resolve(folder).resolve(i + ".png"), 32, 32, seed * 10 + i);
        }
    }

    @BeforeAll
    static void setUp() throws IOException {
        torch.set_num_threads(2);
        Files.createDirectories(tmp.resolve("dfdc/dfdc_train_part_0"));
        Files.writeString(tmp.resolve("dfdc/dfdc_train_part_0/metadata.json"), "{\"r1.mp4\": {\"label\": \"REAL\"}, "
                + "\"f1.mp4\": {\"label\": \"FAKE\", \"original\": \"r1.mp4\"}, \"r2.mp4\": {\"label\": \"REAL\"}, "
                + "\"f2.mp4\": {\"label\": \"FAKE\"}}");
        video("dfdc_train_part_0/images/r1", 2, 1);
        video("dfdc_train_part_0/images/r2", 2, 2);
        video("dfdc_train_part_0/images/f1", 2, 3);
        video("dfdc_train_part_0/images/f2", 2, 4);
        Files.createDirectories(tmp.resolve("dfdc/test"));
        Files.writeString(tmp.resolve("dfdc/test/labels.csv"), "filename,label\nta.mp4,0\ntb.mp4,1\ntc.mp4,1\n");
        video("test/images/ta", 2, 5);
        video("test/images/tb", 2, 6);
        video("test/images/tc", 1, 7);

        Path config = tmp.resolve("recce/config");
        Files.createDirectories(config.resolve("dataset"));
        Files.writeString(config.resolve("dataset/dfdc.yml"), """
                train_cfg:
                  root: "%s"
                  split: "train"
                  log_steps: 1
                  val_steps: 2
                  num_steps: 2
                  transforms:
                    - name: "Resize"
                      params:
                        height: 32
                        width: 32
                    - name: "HorizontalFlip"
                      params:
                        p: 0.5
                    - name: "Normalize"
                      params:
                        mean: [0.5, 0.5, 0.5]
                        std: [0.5, 0.5, 0.5]
                test_cfg:
                  root: "%s"
                  split: "test"
                  transforms:
                    - name: "Resize"
                      params:
                        height: 32
                        width: 32
                    - name: "Normalize"
                      params:
                        mean: [0.5, 0.5, 0.5]
                        std: [0.5, 0.5, 0.5]
                """.formatted(tmp.resolve("dfdc"), tmp.resolve("dfdc")));
        modelFile = config.resolve("Recce.yml");
        Files.writeString(modelFile, """
                model:
                  name: Recce
                  num_classes: 1
                config:
                  lambda_1: 0.1
                  lambda_2: 0.1
                  distribute:
                    backend: gloo
                  optimizer:
                    name: adam
                    lr: 0.0002
                    weight_decay: 0.00001
                  scheduler:
                    name: StepLR
                    step_size: 100
                    gamma: 0.5
                  resume: False
                  resume_best: False
                  id: dfdc-tiny
                  loss: binary_ce
                  metric: Acc
                  debug: False
                data:
                  train_batch_size: 4
                  val_batch_size: 4
                  test_batch_size: 4
                  num_workers: 0
                  name: DFDC
                  file: "./config/dataset/dfdc.yml"
                  train_branch: "train_cfg"
                  val_branch: "test_cfg"
                  test_branch: "test_cfg"
                """);
    }

    @Test
    void trainAndTestRunFromRecceConfigFiles() throws IOException {
        Path runs = tmp.resolve("runs");
        MainTest.Run train = new MainTest.Run("train", "--config", modelFile.toString(), "--runs", runs.toString());
        assertEquals(ExitCodes.OK, train.code, train.err + train.out);
        Path dir = runs.resolve("Recce/dfdc-tiny");
        String metrics = Files.readString(dir.resolve("metrics.jsonl"));
        assertEquals(2, metrics.lines().filter(l -> l.contains("\"train/total_loss\"")).count(), metrics);
        assertTrue(metrics.contains("\"train/contra_loss\""), metrics);
        assertTrue(Files.isRegularFile(dir.resolve("best.pt")), "validated at step 2 and kept the best model");

        MainTest.Run test = new MainTest.Run("test", "--config", modelFile.toString(), "--runs", runs.toString());
        assertEquals(ExitCodes.OK, test.code, test.err + test.out);
        JsonNode best = new ObjectMapper().readTree(dir.resolve("test_metrics.json").toFile()).get("best").get("metrics");
        // P(real) is the positive class: 2 frames of the real test video, 3 of the two fake ones
        assertEquals(2, best.get("test/frame/NumP").asInt(), best.toString());
        assertEquals(3, best.get("test/frame/NumN").asInt(), best.toString());
    }

    @Test
    void aBadValueInARecceFileIsAConfigError() throws IOException {
        Path bad = modelFile.resolveSibling("Recce-bad.yml");
        Files.writeString(bad, Files.readString(modelFile).replace("test_branch: \"test_cfg\"", "test_branch: \"eval_cfg\""));
        MainTest.Run test = new MainTest.Run("test", "--config", bad.toString(), "--runs", tmp.resolve("runs2").toString());
        assertEquals(ExitCodes.BAD_INPUT, test.code, test.err);
        assertTrue(test.err.contains("Recce-bad.yml:") && test.err.contains("data.test_branch")
                && test.err.contains("eval_cfg") && test.err.contains("[train_cfg, test_cfg]"), test.err);
        assertFalse(test.err.contains("\tat org."), "no stack trace: " + test.err);
    }
}
