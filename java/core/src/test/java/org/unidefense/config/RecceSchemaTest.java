package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model and dataset files in RECCE's schema (the keys of VISION-SJTU/RECCE config/Recce.yml and
 * config/dataset/*.yml, with this test's own values) load through {@link ConfigLoader} into the
 * same resolved configuration as this project's schema, and bad values name file, key and what
 * was expected.
 */
class RecceSchemaTest {
    @TempDir
    Path dir;

    /** A RECCE-schema model file; the dataset file is found as RECCE writes it, relative to its checkout. */
    private static String model(String dataset, String datasetFile, String extraConfig) {
        return """
                model:
                  name: Recce
                  num_classes: 1
                config:
                  lambda_1: 0.3
                  lambda_2: 0.05
                  distribute:
                    backend: gloo
                  optimizer:
                    name: adam
                    lr: 0.001
                    weight_decay: 0.0001
                  scheduler:
                    name: StepLR
                    step_size: 700
                    gamma: 0.25
                  resume: False
                  resume_best: False
                  id: my-run
                  loss: binary_ce
                  metric: AUC
                  debug: False
                %s
                data:
                  train_batch_size: 6
                  val_batch_size: 10
                  test_batch_size: 12
                  name: %s
                  file: "./config/dataset/%s"
                  train_branch: "train_cfg"
                  val_branch: "test_cfg"
                  test_branch: "test_cfg"
                """.formatted(extraConfig, dataset, datasetFile);
    }

    private static final String FF = """
            train_cfg:
              root: "frames/ff"
              split: "train"
              method: "all"
              compression: "c23"
              log_steps: 5
              val_steps: 7
              num_steps: 30
              transforms:
                - name: "Resize"
                  params:
                    height: 64
                    width: 64
                - name: "HorizontalFlip"
                  params:
                    p: 0.3
                - name: "Normalize"
                  params:
                    mean: [0.5, 0.5, 0.5]
                    std: [0.5, 0.5, 0.5]
            test_cfg:
              root: "frames/ff"
              split: "test"
              method: "all"
              compression: "c23"
              transforms:
                - name: "Resize"
                  params:
                    height: 48
                    width: 48
            """;

    private Path write(String modelText, String datasetName, String datasetText) {
        ConfigFiles.write(dir, "config/dataset/" + datasetName, datasetText);
        return ConfigFiles.write(dir, "config/Recce.yml", modelText);
    }

    private ResolvedConfig load(Path modelFile, boolean test) {
        return ConfigLoader.load(modelFile, new ConfigOverrides(null, 0, null, null, test));
    }

    @Test
    void faceForensicsModelFileResolvesForTraining() {
        ResolvedConfig rc = load(write(model("FaceForensics", "ff.yml", ""), "ff.yml", FF), false);

        assertEquals(Engine.FE, rc.engine());
        assertEquals(dir.resolve("config/dataset/ff.yml").toAbsolutePath().normalize(),
                rc.datasetFile().toAbsolutePath().normalize());
        assertEquals("Recce", rc.model().name());
        assertEquals(1, rc.model().numClasses());
        TrainConfig c = rc.config();
        assertEquals(0.3, c.lambda1());
        assertEquals(0.05, c.lambda2());
        assertEquals("adam", c.optimizer().name());
        assertEquals(0.001, c.optimizer().lr());
        assertEquals(0.0001, c.optimizer().weightDecay());
        assertEquals("StepLR", c.scheduler().name());
        assertEquals(700L, ((Number) c.scheduler().params().get("step_size")).longValue());
        assertEquals(0.25, ((Number) c.scheduler().params().get("gamma")).doubleValue());
        assertEquals("my-run", c.id());
        assertEquals(CropMode.NOCROP, c.crop(), "RECCE reads its face crops whole");
        assertEquals("gloo", c.distributeBackend());
        assertFalse(c.debug());

        assertEquals(3, rc.data().trainBatchSize(), "6 images per step = 3 real + 3 fake");
        assertEquals(10, rc.data().valBatchSize());
        assertEquals(12, rc.data().testBatchSize());

        ForgeryDatasetConfig d = assertInstanceOf(ForgeryDatasetConfig.class, rc.dataset());
        assertEquals("FFpp", d.common().name());
        assertEquals("frames/ff", d.common().root());
        assertFalse(d.common().useLmdb());
        assertEquals(List.of("Origin"), d.realMethods());
        assertEquals(List.of("Deepfakes", "Face2Face", "FaceSwap", "NeuralTextures"), d.fakeMethods());
        assertEquals("c23", d.compression());
        assertEquals("test", d.valSplit(), "val_branch: test_cfg validates on the test split");
        assertEquals(30, d.common().numSteps());
        assertEquals(5, d.common().logSteps());
        assertEquals(7, d.common().valSteps());
        assertEquals(List.of("Resize", "HorizontalFlip", "Normalize"),
                d.common().transformsOf("train").stream().map(TransformSpec::name).toList());
        assertEquals(0.3, ((Number) d.common().transformsOf("train").get(1).params().get("p")).doubleValue());
        assertEquals(48, d.common().transformsOf("test").get(0).intParam("height", -1));
        assertTrue(d.common().transformsOf("val").isEmpty());
        assertNull(d.trainFpv(), "every frame, as RECCE");

        assertTrue(rc.warnings().stream().anyMatch(w -> w.contains("config.metric AUC")), rc.warnings().toString());
        assertTrue(rc.warnings().stream().anyMatch(w -> w.contains("3 real + 3 fake")), rc.warnings().toString());
        assertFalse(rc.warnings().stream().anyMatch(w -> w.contains("unknown key")), rc.warnings().toString());
        assertEquals("test", rc.toPlain().get("dataset") instanceof java.util.Map<?, ?> m ? m.get("val_split") : null);
    }

    @Test
    void testStageReadsOnlyTheTestBranch() {
        // A training branch with a bad value does not matter when testing.
        String ff = FF.replace("split: \"train\"", "split: \"nonsense\"");
        ResolvedConfig rc = load(write(model("FaceForensics", "ff.yml", "  ckpt: best_model_1000"), "ff.yml", ff), true);
        ForgeryDatasetConfig d = (ForgeryDatasetConfig) rc.dataset();
        assertTrue(rc.test());
        assertEquals("my-run", rc.config().id());
        assertEquals(12, rc.data().testBatchSize());
        assertEquals(48, d.common().transformsOf("test").get(0).intParam("height", -1));
        assertNull(d.common().numSteps());
        assertTrue(rc.warnings().stream().anyMatch(w -> w.contains("config.ckpt is not used")), rc.warnings().toString());
    }

    @Test
    void singleFfMethodAndAValidationBranchOnTheValSplit() {
        String ff = FF.replace("method: \"all\"", "method: \"FaceSwap\"") + """
                val_cfg:
                  root: "frames/ff"
                  split: "val"
                  method: "FaceSwap"
                  compression: "c23"
                  transforms:
                    - name: "Resize"
                      params: {height: 40, width: 40}
                """;
        String m = model("FaceForensics", "ff.yml", "").replace("val_branch: \"test_cfg\"", "val_branch: \"val_cfg\"");
        ForgeryDatasetConfig d = (ForgeryDatasetConfig) load(write(m, "ff.yml", ff), false).dataset();
        assertEquals(List.of("FaceSwap"), d.fakeMethods());
        assertEquals("val", d.valSplit());
        assertEquals(40, d.common().transformsOf("val").get(0).intParam("height", -1));
    }

    @Test
    void celebDfWildDeepfakeAndDfdcMapToTheirReaders() {
        String branches = """
                train_cfg:
                  root: "data/x"
                  split: "train"
                  %s
                  log_steps: 2
                  val_steps: 2
                  num_steps: 9
                  transforms:
                    - name: "Resize"
                      params: {height: 32, width: 32}
                test_cfg:
                  root: "data/x"
                  split: "test"
                  %s
                  transforms:
                    - name: "Resize"
                      params: {height: 32, width: 32}
                """;
        Object[][] cases = {
                {"CelebDF", "CDF", "balance: True", "balance: False", List.of("YouTube-real", "Celeb-real"),
                        List.of("Celeb-synthesis")},
                {"WildDeepfake", "WDF", "num_image_train:", "num_image_test:", List.of("real"), List.of("fake")},
                {"DFDC", "DFDC", "", "", List.of("real"), List.of("fake")},
        };
        for (Object[] c : cases) {
            String file = c[0] + ".yml";
            ResolvedConfig rc = load(write(model((String) c[0], file, ""), file,
                    branches.formatted(c[2], c[3])), false);
            ForgeryDatasetConfig d = (ForgeryDatasetConfig) rc.dataset();
            assertEquals(c[1], d.common().name());
            assertEquals(c[4], d.realMethods(), c[0] + " real");
            assertEquals(c[5], d.fakeMethods(), c[0] + " fake");
            assertEquals("test", d.valSplit());
            assertNull(d.compression());
            assertEquals(9, d.common().numSteps());
        }
    }

    private String error(String modelText, String datasetName, String datasetText, boolean test) {
        Path m = write(modelText, datasetName, datasetText);
        return assertThrows(UserInputException.class, () -> load(m, test)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    @Test
    void badValuesNameFileKeyAndExpectation() {
        String m = model("FaceForensics", "ff.yml", "");
        assertMentions(error(m, "ff.yml", FF.replace("compression: \"c23\"\n  transforms:\n    - name: \"Resize\"\n"
                        + "      params:\n        height: 48", "compression: \"c99\"\n  transforms:\n    - name: \"Resize\"\n"
                        + "      params:\n        height: 48"), false),
                "ff.yml:", "test_cfg.compression", "c0", "c23", "c40", "c99");
        assertMentions(error(m, "ff.yml", FF.replace("split: \"train\"", "split: \"val\""), false),
                "ff.yml:3", "train_cfg.split", "[train]");
        assertMentions(error(m, "ff.yml", FF.replace("num_steps: 30", "num_steps: -1"), false),
                "ff.yml:", "train_cfg.num_steps");
        assertMentions(error(m, "ff.yml", FF.replace("root: \"frames/ff\"\n  split: \"test\"",
                "root: \"elsewhere\"\n  split: \"test\""), false), "test_cfg.root", "train_cfg.root", "frames/ff");
        assertMentions(error(m.replace("val_branch: \"test_cfg\"", "val_branch: \"dev_cfg\""), "ff.yml", FF, false),
                "Recce.yml:", "data.val_branch", "dev_cfg", "train_cfg", "test_cfg");
        assertMentions(error(m.replace("name: FaceForensics", "name: FaceForensic"), "ff.yml", FF, false),
                "Recce.yml:", "data.name", "FaceForensics", "DFDC");
        assertMentions(error(m.replace("loss: binary_ce", "loss: cross_entropy"), "ff.yml", FF, false),
                "Recce.yml:", "config.loss", "num_classes 1");
        assertMentions(error(m.replace("metric: AUC", "metric: F1"), "ff.yml", FF, false),
                "config.metric", "Acc", "AUC", "LogLoss");
        String noTestTransforms = FF.substring(0, FF.indexOf("test_cfg:")) + """
                test_cfg:
                  root: "frames/ff"
                  split: "test"
                  method: "all"
                  compression: "c23"
                """;
        assertMentions(error(m, "ff.yml", noTestTransforms, false), "ff.yml:", "missing required key 'test_cfg.transforms'");
    }

    @Test
    void missingBranchKeysAndWildDeepfakeSubsamplingAreErrors() {
        String m = model("FaceForensics", "ff.yml", "");
        assertMentions(error(m, "ff.yml", FF.replace("  method: \"all\"\n  compression: \"c23\"\n  log_steps",
                "  compression: \"c23\"\n  log_steps"), false), "ff.yml:", "missing required key 'train_cfg.method'");
        String wdf = """
                test_cfg:
                  root: "w"
                  split: "test"
                  num_image_test: 300
                  transforms: []
                """;
        assertMentions(error(model("WildDeepfake", "w.yml", ""), "w.yml", wdf, true),
                "w.yml:4", "test_cfg.num_image_test", "not supported");
    }

    @Test
    void aRecceDatasetFileFromAProjectModelFileGetsAHint() {
        ConfigFiles.write(dir, "ff.yml", FF);
        Path m = ConfigFiles.write(dir, "model.yml", ConfigFiles.minimalModel("ff.yml"));
        String msg = assertThrows(UserInputException.class, () -> ConfigLoader.load(m)).getMessage();
        assertMentions(msg, "ff.yml", "cannot tell which engine", "RECCE dataset file", "train_branch");
    }

    @Test
    void anotherEngineThanFeIsRefused() {
        Path m = write(model("DFDC", "d.yml", ""), "d.yml", """
                test_cfg:
                  root: "d"
                  split: "test"
                  transforms: []
                """);
        String msg = assertThrows(UserInputException.class, () -> ConfigLoader.load(m,
                new ConfigOverrides(Engine.UE, 0, null, null, true))).getMessage();
        assertMentions(msg, "engine FE", "--engine UE");
    }
}
