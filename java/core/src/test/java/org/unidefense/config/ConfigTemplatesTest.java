package org.unidefense.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in config_template/ loads without errors or warnings, in both stages; selected values
 * are checked against the official templates (values as documented in the fixtures README and the
 * original release).
 */
class ConfigTemplatesTest {
    private static final Path TEMPLATES = Path.of("config_template");

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            return s.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** The model file a dataset file is used with: same directory; ResNet-50 for the *_res inputs. */
    private static Path modelFor(Path dataFile) throws IOException {
        String name = dataFile.getFileName().toString();
        try (Stream<Path> s = Files.list(dataFile.getParent())) {
            List<Path> models = s.filter(p -> p.getFileName().toString().startsWith("model_")).sorted().toList();
            return models.stream().filter(p -> p.toString().contains("udr50") == name.endsWith("_res.yml"))
                    .findFirst().orElse(models.get(0));
        }
    }

    @Test
    void everyOfficialTemplateHasACounterpart() throws IOException {
        // 3 forgery + 5 OCIM + 14 + 14 + 18 UniAttack files in the original release;
        // config_template/synthetic/ (the generated benchmark) and recce/ (RECCE) are this project's own.
        List<Path> files = yamlFiles().stream().filter(p -> !p.startsWith(TEMPLATES.resolve("synthetic"))
                && !p.startsWith(TEMPLATES.resolve("recce"))).toList();
        assertEquals(54, files.size(), files.toString());
        assertEquals(18, files.stream().filter(p -> p.startsWith(TEMPLATES.resolve("uniatt/Prot3"))).count());
    }

    @TestFactory
    Stream<DynamicTest> everyTemplateLoadsCleanlyInBothStages() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : yamlFiles()) {
            for (boolean test : new boolean[] {false, true}) {
                tests.add(DynamicTest.dynamicTest(f + (test ? " (test)" : " (train)"), () -> {
                    ResolvedConfig rc;
                    if (f.getFileName().toString().startsWith("model_")) {
                        rc = ConfigLoader.load(f, ConfigOverrides.none().withTest(test));
                    } else {
                        rc = ConfigLoader.load(modelFor(f),
                                new ConfigOverrides(null, 0, null, f.toString(), test));
                        assertEquals(f.normalize(), rc.datasetFile());
                    }
                    assertTrue(rc.warnings().isEmpty(), rc.warnings().toString());
                    assertEquals(rc.engine(), rc.dataset().engine());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void ocimTemplateMatchesTheOfficialValues() {
        ResolvedConfig rc = ConfigLoader.load(TEMPLATES.resolve("ocim/model_udr18.yml"));
        assertEquals(Engine.OCIM, rc.engine());
        assertEquals(ModelArch.UDR18, rc.model().arch());
        assertEquals(0.5, rc.model().dropRate());
        assertEquals(448, rc.model().midDepth()); // not in the file: the constructor default
        TrainConfig c = rc.config();
        assertEquals(List.of(0.1, 0.1, 1.0, 0.1, 0.1),
                List.of(c.lambdaTriplet(), c.lambdaRecons(), c.lambdaFreq(), c.lambdaMask(), c.lambdaFac()));
        assertEquals("adamw", c.optimizer().name());
        assertEquals(1e-4, c.optimizer().lr());
        assertEquals(5e-5, c.optimizer().weightDecay());
        assertTrue(c.optimizer().amsgrad());
        assertEquals("ConstantLR", c.scheduler().name()); // the file has no scheduler block
        assertFalse(c.scheduler().explicit());
        assertEquals("FAS_C", c.id());
        OcimDatasetConfig d = assertInstanceOf(OcimDatasetConfig.class, rc.dataset());
        assertEquals(Path.of("config_template/ocim/data_c.yml"), rc.datasetFile());
        assertEquals(List.of("O", "I", "M"), d.trainDomains());
        assertEquals("C", d.targetDomain());
        assertEquals("CASIA_database", d.domainRoots().get("C"));
        assertEquals(8000, d.common().numSteps());
        assertEquals(10, d.testFpv());
        assertNull(d.trainFpv());
        TransformSpec crop = d.common().transformsOf("train").get(0);
        assertEquals("RandomResizedCrop", crop.name());
        assertEquals(List.of(0.2, 1.0), crop.params().get("scale"));
        assertEquals(2L, crop.params().get("interpolation"));
    }

    /** RECCE's config/Recce.yml values, in this project's schema. */
    @Test
    void recceTemplateMatchesRecceConfig() {
        ResolvedConfig rc = ConfigLoader.load(TEMPLATES.resolve("recce/model_recce_ffc40.yml"));
        assertEquals(Engine.FE, rc.engine());
        assertEquals(ModelArch.RECCE, rc.model().arch());
        assertEquals("xception", rc.model().extractor());
        assertEquals(1, rc.model().numClasses());
        assertEquals(0.2, rc.model().dropRate());
        assertEquals(List.of(0.1, 0.1), List.of(rc.config().lambda1(), rc.config().lambda2()));
        assertEquals("adam", rc.config().optimizer().name());
        assertEquals(2e-4, rc.config().optimizer().lr());
        assertEquals(1e-5, rc.config().optimizer().weightDecay());
        assertEquals(22500, rc.config().scheduler().stepSize());
        assertEquals(0.5, rc.config().scheduler().gamma());
        assertEquals(32, rc.data().trainBatchSize());
        assertEquals(299L, rc.dataset().common().transformsOf("train").get(0).params().get("height"));
    }

    @Test
    void forgeryTemplateMatchesTheOfficialValues() {
        ResolvedConfig rc = ConfigLoader.load(TEMPLATES.resolve("forgery/model_udeb4.yml"));
        assertEquals(Engine.FE, rc.engine());
        assertEquals("efficientnet-b4", rc.model().extractor());
        assertNull(rc.model().imageSize()); // not in the file: efficientnet-b4's native 380 when built
        assertEquals(2, rc.model().numClasses());
        assertEquals(5e-6, rc.config().optimizer().weightDecay());
        assertEquals("StepLR", rc.config().scheduler().name());
        assertEquals(22500, rc.config().scheduler().stepSize());
        assertEquals(0.5, rc.config().scheduler().gamma());
        assertEquals(10, rc.data().trainBatchSize());
        ForgeryDatasetConfig d = assertInstanceOf(ForgeryDatasetConfig.class, rc.dataset());
        assertEquals("c40", d.compression());
        assertEquals(List.of("Origin"), d.realMethods());
        assertEquals(4, d.fakeMethods().size());
        assertFalse(d.common().useLmdb());
        assertEquals(90000, d.common().numSteps());
    }

    @Test
    void prot3ResNetTemplateIsTheRepairedOfficialFile() {
        // The official file has 'name: UDR50' at column 0 inside 'model:'; ours is indented.
        ResolvedConfig rc = ConfigLoader.load(TEMPLATES.resolve("uniatt/Prot3/model_udr50.yml"));
        assertEquals(ModelArch.UDR50, rc.model().arch());
        assertEquals(1024, rc.model().midDepth());
        assertEquals("UniAtt_P3_ffpp", rc.config().id());
        UniAttackDatasetConfig d = assertInstanceOf(UniAttackDatasetConfig.class, rc.dataset());
        assertNull(d.rootOf("CDF"));
        assertEquals(List.of("FFpp-Real", "FFpp-DF"), d.testMethods());
        assertEquals(4, d.trainFakeFpv());
        assertEquals(15000, d.common().numSteps());
        assertEquals(256, d.common().transformsOf("test").get(0).intParam("height", -1));
    }
}
