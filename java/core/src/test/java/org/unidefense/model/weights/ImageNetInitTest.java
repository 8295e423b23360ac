package org.unidefense.model.weights;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unidefense.UserInputException;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ResNet ImageNet files (fixture G: the official files' keys, shapes, dtypes and legacy format,
 * with values from a known pattern) initialise the extractors through the config key
 * {@code model.extractor_weights} as the reference's custom_resnet18/50 + ExtractorRes18/50 do.
 */
class ImageNetInitTest {
    static final Fixture G = Fixture.of("G_pretrained_format");

    @TempDir
    Path dir;

    static ModelConfig resnetConfig(ModelArch arch, String weights) {
        return new ModelConfig(arch.name(), arch, arch.defaultExtractor(), weights, 2, 0.2, arch.defaultMidDepth(),
                false, true, "ortho", null, null, null, Map.of());
    }

    @ParameterizedTest
    @CsvSource({"UDR18, resnet18-5c106cde, 27, 12, 0", "UDR50, resnet50_a1_0-14fe96d1, 62, 20, 12345"})
    void resnetFileLandsUnderTheExtractorPrefix(ModelArch arch, String name, int droppedKeys, int sfKeptInitial,
                                                long tracked) {
        Path file = WeightFiles.pretrained(dir, name);
        ModelConfig config = resnetConfig(arch, file.toString());
        UniDefenseModel model = ModelRegistry.create(config);
        Map<String, Tensor> sd = model.stateDict();
        try (NoGradGuard g = new NoGradGuard()) {
            sd.get("extractor.bn1.num_batches_tracked").fill_(new Scalar(7)); // so that 0 must come from the load
        }
        float[] sfCoef = Tensors.toFloats(sd.get("extractor.layer2.0.conv2.sf_coef"));
        float[] freqConv = Tensors.toFloats(sd.get("extractor.layer3.1.conv2.freq_conv.weight"));
        float[] decoder = Tensors.toFloats(sd.get("dec_block1.0.weight"));

        ImageNetInitReport report = ImageNetInit.apply(model, config).orElseThrow();

        // the README's worked example: storage offset 328223 of the shared pool, pattern (p mod 4093 - 2046) / 4096
        float[] conv1 = Tensors.toFloats(sd.get("extractor.conv1.weight"));
        assertEquals(-0.308349609375f, conv1[0]);
        assertEquals(-0.30810546875f, conv1[1]);
        assertEquals(-0.307861328125f, conv1[2]);
        // 1-D tensors have their own storage: (i mod 509 - 254) / 512
        assertEquals(-0.49609375f, Tensors.toFloats(sd.get("extractor.bn1.running_mean"))[0]);
        assertEquals(-0.494140625f, Tensors.toFloats(sd.get("extractor.layer3.1.bn2.running_var"))[1]);
        assertEquals(tracked, Tensors.toLongs(sd.get("extractor.bn1.num_batches_tracked"))[0]);
        assertEquals(tracked, Tensors.toLongs(sd.get("extractor.layer3.1.bn2.num_batches_tracked"))[0]);

        // every key of the file but layer4/fc, value by value, against the manifest's description of the file
        int compared = 0;
        for (Map.Entry<String, FixtureTensor> e : G.stateDict(name).entrySet()) {
            String key = e.getKey();
            if (key.startsWith("layer4.") || key.startsWith("fc.")) {
                assertTrue(report.dropped().contains(key), key);
                continue;
            }
            Tensor landed = sd.get("extractor." + key);
            if (e.getValue().isFloat()) {
                assertArrayEquals(e.getValue().floats(), Tensors.toFloats(landed), 0f, key);
            } else {
                assertArrayEquals(e.getValue().longs(), Tensors.toLongs(landed), key);
            }
            compared++;
        }
        assertEquals(droppedKeys, report.dropped().size(), "layer4.* and fc.* keys: " + report.dropped());
        assertEquals(compared, report.loaded());
        assertFalse(sd.keySet().stream().anyMatch(k -> k.contains("layer4") || k.startsWith("extractor.fc")),
                "the extractor has no layer4 or fc");

        assertEquals(sfKeptInitial, report.keptInitial().stream()
                .filter(k -> k.endsWith(".sf_coef") || k.endsWith(".freq_conv.weight")).count(), report.keptInitial().toString());
        assertArrayEquals(sfCoef, Tensors.toFloats(sd.get("extractor.layer2.0.conv2.sf_coef")), 0f);
        assertArrayEquals(freqConv, Tensors.toFloats(sd.get("extractor.layer3.1.conv2.freq_conv.weight")), 0f);
        assertArrayEquals(decoder, Tensors.toFloats(sd.get("dec_block1.0.weight")), 0f, "outside the backbone");
    }

    @Test
    void noConfiguredFileLeavesTheModelAlone() {
        ModelConfig config = resnetConfig(ModelArch.UDR18, null);
        UniDefenseModel model = ModelRegistry.create(config);
        float[] before = Tensors.toFloats(model.stateDict().get("extractor.conv1.weight"));
        assertEquals(Optional.empty(), ImageNetInit.apply(model, config));
        assertArrayEquals(before, Tensors.toFloats(model.stateDict().get("extractor.conv1.weight")), 0f);
    }

    @Test
    void aMissingFileNamesTheKeyThePathsAndTheOfficialFile() {
        String configured = "no-such-dir/resnet18-5c106cde.pth";
        ModelConfig config = resnetConfig(ModelArch.UDR18, configured);
        UniDefenseModel model = ModelRegistry.create(config);
        Path configFile = dir.resolve("project/configs/model.yml");
        UserInputException e = assertThrows(UserInputException.class, () -> ImageNetInit.apply(model, config, configFile));
        String m = e.getMessage();
        assertTrue(m.startsWith("model.extractor_weights: "), m);
        assertTrue(m.contains("'" + configured + "' not found"), m);
        assertTrue(m.contains(Path.of(configured).toAbsolutePath().normalize().toString()), "working directory: " + m);
        assertTrue(m.contains(dir.resolve("project/ckpt/resnet18-5c106cde.pth").toString()), "project ckpt/: " + m);
        assertTrue(m.contains("ckpt/README.md"), m);
        assertTrue(m.contains("official file resnet18-5c106cde.pth"), m);
    }

    @ParameterizedTest
    @CsvSource({"resnet18, resnet18-5c106cde.pth", "resnet50, resnet50_a1_0-14fe96d1.pth",
            "efficientnet-b4, adv-efficientnet-b4-44fb3a87.pth"})
    void theErrorNamesEachBackbonesOfficialFile(String extractor, String official) {
        UserInputException e = assertThrows(UserInputException.class,
                () -> WeightsLocator.locate("ckpt/weights.pth", null, extractor));
        assertTrue(e.getMessage().contains("for " + extractor + " that is the official file " + official),
                e.getMessage());
    }

    @Test
    void aRelativePathIsAlsoFoundInTheCkptFolderAboveTheConfigFile() throws Exception {
        Path project = dir.resolve("project");
        Path ckpt = Files.createDirectories(project.resolve("ckpt"));
        Path weights = Files.writeString(ckpt.resolve("resnet18-5c106cde.pth"), "x");
        Path configFile = Files.createDirectories(project.resolve("config_template/ocim")).resolve("model_udr18.yml");

        assertEquals(weights, WeightsLocator.locate("ckpt/resnet18-5c106cde.pth", configFile, "resnet18"));
        assertEquals(weights, WeightsLocator.locate("elsewhere/resnet18-5c106cde.pth", configFile, "resnet18"),
                "the bare file name in ckpt/");
        List<Path> tried = WeightsLocator.candidates("ckpt/resnet18-5c106cde.pth", configFile);
        assertEquals(Path.of("ckpt/resnet18-5c106cde.pth").toAbsolutePath().normalize(), tried.get(0),
                "the reference's working-directory path comes first");
    }
}
