package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad config files fail with a message that names the file, the line, the key path and the problem. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private Path model(String text) {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        return ConfigFiles.write(dir, "model.yml", text);
    }

    private String failure(Path modelFile) {
        return assertThrows(UserInputException.class, () -> ConfigLoader.load(modelFile)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing from: " + message);
        }
    }

    @Test
    void wrongTypeNamesFileLineKeyExpectedAndFound() {
        String text = ConfigFiles.minimalModel("data.yml").replace("    weight_decay: 0.0",
                "    weight_decay: 0.0\n    lr: fast");
        // line 10 of the file: "    lr: fast"
        assertEquals("    lr: fast", text.lines().toList().get(9));
        String m = failure(model(text));
        assertMentions(m, "model.yml:10", "'config.optimizer.lr'", "expected a number", "\"fast\"");
    }

    @Test
    void wholeNumberKeyRejectsAFraction() {
        String text = ConfigFiles.minimalModel("data.yml").replace("train_batch_size: 4", "train_batch_size: 4.5");
        assertEquals("  train_batch_size: 4.5", text.lines().toList().get(11));
        String m = failure(model(text));
        assertMentions(m, "model.yml:12", "'data.train_batch_size'", "expected a whole number", "4.5");
    }

    @Test
    void listWhereAScalarIsExpected() {
        String text = ConfigFiles.minimalModel("data.yml").replace("crop: nocrop", "crop: [nocrop]");
        assertMentions(failure(model(text)), "model.yml:10", "'config.crop'", "expected a text value", "a list");
    }

    @Test
    void onErrorAcceptsOnlyFailOrSkip() {
        String text = ConfigFiles.minimalModel("data.yml").replace("train_batch_size: 4",
                "train_batch_size: 4\n  on_error: ignore");
        assertMentions(failure(model(text)), "model.yml:13", "'data.on_error'", "fail", "skip", "ignore");
        String ok = ConfigFiles.minimalModel("data.yml").replace("train_batch_size: 4",
                "train_batch_size: 4\n  on_error: skip");
        assertEquals(OnError.SKIP, ConfigLoader.load(model(ok)).data().onError());
    }

    @Test
    void missingRequiredKeyNamesItsPathAndTheEnclosingBlock() {
        String text = ConfigFiles.minimalModel("data.yml").replace("  crop: nocrop\n", "");
        // 'config:' is on line 3
        assertMentions(failure(model(text)), "model.yml:3", "missing required key 'config.crop'", "nocrop");
    }

    @Test
    void missingRequiredKeyInTheDatasetFile() {
        ConfigFiles.write(dir, "data2.yml", ConfigFiles.OCIM_DATA.replace("num_steps: 100\n", ""));
        Path modelFile = ConfigFiles.write(dir, "model.yml", ConfigFiles.minimalModel("data2.yml"));
        assertMentions(failure(modelFile), "data2.yml", "missing required key 'num_steps'");
    }

    @Test
    void missingDataFileNamesTheKeyAndLine() {
        String text = ConfigFiles.minimalModel("no_such_data.yml");
        assertEquals("  file: no_such_data.yml", text.lines().toList().get(13));
        String m = failure(model(text));
        assertMentions(m, "model.yml:14", "'data.file'", "'no_such_data.yml' not found");
    }

    @Test
    void malformedYamlGivesFileAndLine() {
        // line 5 holds the indented key that follows the un-indented 'name: UDR18'
        Path bad = Path.of("java/core/src/test/resources/config/malformed_model.yml");
        String m = failure(bad);
        assertMentions(m, "malformed_model.yml:5", "malformed YAML", "mapping values are not allowed");
    }

    @Test
    void unknownChoiceSuggestsTheNearestValue() {
        String text = ConfigFiles.minimalModel("data.yml").replace("name: adamw", "name: adamww");
        assertMentions(failure(model(text)), "'config.optimizer.name'", "did you mean 'adamw'?");
    }

    @Test
    void unknownModelName() {
        String text = ConfigFiles.minimalModel("data.yml").replace("name: UDR18", "name: UDR34");
        assertMentions(failure(model(text)), "model.yml:2", "'model.name'", "unknown model \"UDR34\"");
    }

    @Test
    void uniAttackMethodWhoseSourceRootIsNull() {
        String text = ConfigFiles.minimalModel("data.yml");
        Path data = Path.of("config_template/uniatt/Prot3/data_df.yml");
        // data_df.yml has CDF_root: null; point a test method at CDF
        String yaml;
        try {
            yaml = java.nio.file.Files.readString(data).replace("test_method: [FFpp-Real, FFpp-DF]",
                    "test_method: [FFpp-Real, CDF-Fake]");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConfigFiles.write(dir, "ua.yml", yaml);
        Path modelFile = ConfigFiles.write(dir, "model.yml",
                text.replace("data.yml", "ua.yml").replace("  file:", "  test_batch_size: 2\n  file:"));
        assertMentions(failure(modelFile), "ua.yml", "'test_method'", "\"CDF-Fake\" needs 'CDF_root', which is null");
    }

    @Test
    void unknownKeysAreWarningsWithDidYouMean() {
        String text = ConfigFiles.minimalModel("data.yml")
                .replace("  crop: nocrop", "  crop: nocrop\n  lamda_triplet: 0.5\n  totally_new_key: 1");
        ResolvedConfig rc = ConfigLoader.load(model(text));
        assertEquals(2, rc.warnings().size(), rc.warnings().toString());
        assertMentions(rc.warnings().get(0), "model.yml:11", "unknown key 'config.lamda_triplet'",
                "did you mean 'config.lambda_triplet'?");
        assertMentions(rc.warnings().get(1), "model.yml:12", "unknown key 'config.totally_new_key'");
        assertTrue(!rc.warnings().get(1).contains("did you mean"), rc.warnings().get(1));
        assertEquals(1.0, rc.config().lambdaTriplet()); // the misspelt key does not count
    }

    @Test
    void duplicateKeyIsAWarningAndTheLastValueWins() {
        String text = ConfigFiles.minimalModel("data.yml").replace("  crop: nocrop", "  crop: nocrop\n  crop: 4p");
        ResolvedConfig rc = ConfigLoader.load(model(text));
        assertEquals(CropMode.FOUR_POINT, rc.config().crop());
        assertMentions(rc.warnings().get(0), "model.yml:11", "'config.crop' appears twice");
    }

    @Test
    void ocimUsesOnlyTheFirstTestDomainAndSaysSo() {
        ConfigFiles.write(dir, "data3.yml", ConfigFiles.OCIM_DATA.replace("test_dataset: [C]", "test_dataset: [C, O]"));
        ResolvedConfig rc = ConfigLoader.load(ConfigFiles.write(dir, "model.yml", ConfigFiles.minimalModel("data3.yml")));
        assertEquals("C", ((OcimDatasetConfig) rc.dataset()).targetDomain());
        assertEquals(1, rc.warnings().size(), rc.warnings().toString());
        assertMentions(rc.warnings().get(0), "data3.yml:7", "only the first domain", "[O] are ignored");
    }

    @Test
    void forgeryEngineRejectsFaceBoxCropping() {
        Path m = Path.of("config_template/forgery/model_udeb4.yml");
        String text;
        try {
            text = java.nio.file.Files.readString(m).replace("crop: nocrop", "crop: 4p");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path copy = ConfigFiles.write(dir, "fe.yml", text);
        assertMentions(failure(copy), "fe.yml:", "'config.crop'", "engine FE supports only 'nocrop'");
    }

    @Test
    void pyYamlBooleanWordsAreAccepted() {
        String text = ConfigFiles.minimalModel("data.yml").replace("debug: false", "debug: yes");
        assertEquals(Boolean.TRUE, ConfigLoader.load(model(text)).config().debug());
    }

    @Test
    void optimizerArgumentTheChosenOptimizerDoesNotTakeIsReported() {
        String text = ConfigFiles.minimalModel("data.yml").replace("    weight_decay: 0.0",
                "    weight_decay: 0.0\n    momentum: 0.9\n    amsgrad: true");
        ResolvedConfig rc = ConfigLoader.load(model(text));
        // AdamW takes amsgrad but has no momentum
        assertEquals(1, rc.warnings().size(), rc.warnings().toString());
        assertMentions(rc.warnings().get(0), "model.yml:10", "'config.optimizer.momentum'");
        assertTrue(rc.config().optimizer().amsgrad());
        assertTrue(!rc.config().optimizer().params().containsKey("momentum"));
    }

    @Test
    void aNumberBeyondDoubleRangeOrYamlsNanAndInfAreRefusedWithTheirKey() {
        String base = ConfigFiles.minimalModel("data.yml");
        assertMentions(failure(model(base.replace("    weight_decay: 0.0", "    weight_decay: 0.0\n    lr: 1e999"))),
                "model.yml:10", "'config.optimizer.lr'", "expected a finite number", "Infinity");
        assertMentions(failure(model(base.replace("    weight_decay: 0.0", "    weight_decay: .nan"))),
                "'config.optimizer.weight_decay'", "expected a finite number", "NaN");
        // keyword arguments passed through to the optimizer are checked too
        assertMentions(failure(model(base.replace("    weight_decay: 0.0", "    weight_decay: 0.0\n    eps: -.inf"))),
                "'config.optimizer.eps'", "expected a finite number");
    }

    @Test
    void aDirectoryAsConfigSaysSoAndNamesAYamlFileInIt() {
        model(ConfigFiles.minimalModel("data.yml"));
        String m = failure(dir);
        assertMentions(m, dir + ": is a directory; expected a YAML file", "model.yml");
        assertTrue(!m.contains("malformed"), m);
    }
}
