package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Command-line overrides act as in the reference's main.py. */
class ConfigOverridesTest {
    private static final Path OCIM_MODEL = Path.of("config_template/ocim/model_udr18.yml");

    @TempDir
    Path dir;

    @Test
    void expIdReplacesConfigId() {
        ResolvedConfig rc = ConfigLoader.load(OCIM_MODEL, new ConfigOverrides(null, 0, "mine", null, false));
        assertEquals("mine", rc.config().id());
    }

    @Test
    void dsConfigReplacesDataFile() {
        ResolvedConfig rc = ConfigLoader.load(OCIM_MODEL,
                new ConfigOverrides(null, 0, null, "config_template/ocim/data_o.yml", false));
        assertEquals("config_template/ocim/data_o.yml", rc.data().file());
        assertEquals("O", ((OcimDatasetConfig) rc.dataset()).targetDomain());
    }

    @Test
    void localRankAndEngineAreStoredInConfig() {
        ResolvedConfig rc = ConfigLoader.load(OCIM_MODEL, new ConfigOverrides(Engine.OCIM, 3, null, null, false));
        assertEquals(3, rc.config().localRank());
        assertEquals(Engine.OCIM, rc.config().engine());
    }

    @Test
    void engineIsInferredFromTheDatasetFile() {
        assertEquals(Engine.FE, ConfigLoader.load(Path.of("config_template/forgery/model_udeb4.yml")).engine());
        assertEquals(Engine.UE, ConfigLoader.load(Path.of("config_template/uniatt/Prot2/model_udeb4.yml")).engine());
    }

    @Test
    void engineThatCannotReadTheDatasetFileIsRejected() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(OCIM_MODEL, ConfigOverrides.none().withEngine(Engine.UE)));
        assertTrue(e.getMessage().contains("data_c.yml"), e.getMessage());
        assertTrue(e.getMessage().contains("engine OCIM"), e.getMessage());
        assertTrue(e.getMessage().contains("--engine UE"), e.getMessage());
    }

    @Test
    void testStageNeedsAnIdWhichExpIdCanSupply() {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        Path model = ConfigFiles.write(dir, "model.yml",
                ConfigFiles.minimalModel("data.yml").replace("  file:", "  test_batch_size: 2\n  file:"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> ConfigLoader.load(model, ConfigOverrides.none().withTest(true)));
        assertTrue(e.getMessage().contains("'config.id'"), e.getMessage());
        ResolvedConfig rc = ConfigLoader.load(model, new ConfigOverrides(null, 0, "run1", null, true));
        assertEquals("run1", rc.config().id());
        assertEquals(2, rc.data().testBatchSize());
    }

    @Test
    void dataFileIsFoundNextToTheModelFile() {
        // a bare name, not present in the working directory
        ConfigFiles.write(dir, "sub/data_only_here.yml", ConfigFiles.OCIM_DATA);
        Path model = ConfigFiles.write(dir, "sub/model.yml", ConfigFiles.minimalModel("data_only_here.yml"));
        assertEquals(dir.resolve("sub/data_only_here.yml"), ConfigLoader.load(model).datasetFile());
    }
}
