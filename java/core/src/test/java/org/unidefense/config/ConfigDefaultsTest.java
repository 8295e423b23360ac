package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model file with only the keys the reference requires gets the reference's defaults. */
class ConfigDefaultsTest {
    @TempDir
    Path dir;

    private ResolvedConfig loadMinimal() {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        return ConfigLoader.load(ConfigFiles.write(dir, "model.yml", ConfigFiles.minimalModel("data.yml")));
    }

    @Test
    void configBlockDefaults() {
        ResolvedConfig rc = loadMinimal();
        assertTrue(rc.warnings().isEmpty(), rc.warnings().toString());
        TrainConfig c = rc.config();
        // dict.get(key, 1.) for every loss weight
        assertEquals(1.0, c.lambdaTriplet());
        assertEquals(1.0, c.lambdaRecons());
        assertEquals(1.0, c.lambdaFreq());
        assertEquals(1.0, c.lambdaMask());
        assertEquals(1.0, c.lambdaFac());
        assertNull(c.lambdaAuxCls());
        assertEquals(0, c.warmupStep());
        assertTrue(c.findUnused());
        assertFalse(c.resume());
        assertFalse(c.resumeBest());
        assertNull(c.id()); // training names the run after its start time
        assertEquals("ConstantLR", c.scheduler().name());
        assertEquals(0, c.localRank());
        // OCIM margins: a random margin in [0.0, 0.5) for training, 0.3 for validation and test
        assertEquals(FaceMargin.range(0.0, 0.5), c.trainMargin());
        assertEquals(FaceMargin.fixed(0.3), c.valMargin());
        assertEquals(FaceMargin.fixed(0.3), c.testMargin());
        assertNull(c.margin());
        assertFalse(c.useDomainLabel());
        assertEquals(42, c.seed());
        assertEquals(CoralMode.SYMMETRIC, c.coral());
        assertEquals(1.0 / 1024, c.pass1GradCarry());
    }

    @Test
    void optimizerDefaultsAreTorchs() {
        OptimizerSpec o = loadMinimal().config().optimizer();
        assertEquals(1e-3, o.lr()); // AdamW's default learning rate
        assertEquals(0.9, o.betas()[0]);
        assertEquals(0.999, o.betas()[1]);
        assertEquals(1e-8, o.eps());
        assertFalse(o.amsgrad());
        assertEquals(0.0, o.weightDecay());
    }

    @Test
    void modelDefaultsFollowTheConstructor() {
        ModelConfig m = loadMinimal().model();
        assertEquals(ModelArch.UDR18, m.arch());
        assertEquals("resnet18", m.extractor());
        assertNull(m.extractorWeights());
        assertEquals(2, m.numClasses());
        assertEquals(0.2, m.dropRate());
        assertEquals(448, m.midDepth());
        assertFalse(m.bias());
        assertTrue(m.affine());
        assertEquals("ortho", m.freqNorm());
        assertNull(m.imageSize());
    }

    @Test
    void efficientNetDefaults() {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        String text = ConfigFiles.minimalModel("data.yml")
                .replace("name: UDR18", "name: udeb4\n  extractor: efficientnet-b4");
        ModelConfig m = ConfigLoader.load(ConfigFiles.write(dir, "model.yml", text)).model();
        assertEquals(ModelArch.UDEB4, m.arch()); // the reference upper-cases the name
        assertEquals(1, m.numClasses()); // UniDefenseModelEb4's default is a single logit
        // the variant's own values (380 for B4, drop-connect 0.2) are the EfficientNet's, applied when it
        // is built (GlobalParams; ModelKeysTest checks them on the built model)
        assertNull(m.imageSize());
        assertNull(m.dropConnectRate());
        assertNull(m.midDepth());
    }

    @Test
    void dataAndDatasetDefaults() {
        ResolvedConfig rc = loadMinimal();
        assertNull(rc.data().numWorkers());
        assertEquals(OnError.FAIL, rc.data().onError());
        assertEquals(4, rc.data().numWorkersOr(4));
        assertNull(rc.data().testBatchSize()); // only testing (and UniAttack training) needs it
        OcimDatasetConfig d = (OcimDatasetConfig) rc.dataset();
        assertTrue(d.common().useLmdb()); // cfg.get("use_lmdb", True)
        assertNull(d.testFpv());
        assertTrue(d.devDomains().isEmpty());
    }
}
