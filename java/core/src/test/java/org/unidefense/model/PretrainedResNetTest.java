package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unidefense.UserInputException;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ImageNet backbone files with the exact keys and shapes of the reference's pretrained
 * checkpoints (fixture G) go into the extractors the way the reference's loader takes them.
 */
class PretrainedResNetTest {
    @ParameterizedTest
    @CsvSource({"UDR18, resnet18-5c106cde, 12, 0", "UDR50, resnet50_a1_0-14fe96d1, 20, 12345"})
    void imagenetFileFillsTheExtractorExceptTheSFConvTensors(String arch, String file, int sfKeys, long tracked) {
        Map<String, Tensor> weights = ReferenceFixtures.stateDict(Fixture.of("G_pretrained_format"), file);
        UniDefenseResNet model = (UniDefenseResNet) ModelRegistry.create(arch);
        Map<String, Tensor> before = model.stateDict();
        float sfBefore = Tensors.toFloats(before.get("extractor.layer2.0.conv2.sf_coef"))[0];

        List<String> notInFile = model.loadExtractorWeights(weights, file);

        long sfMissing = notInFile.stream().filter(k -> k.endsWith(".sf_coef") || k.endsWith(".freq_conv.weight")).count();
        assertEquals(sfKeys, sfMissing, "SFConv tensors in layers 2-3 are not in an ImageNet file: " + notInFile);
        Map<String, Tensor> after = model.stateDict();
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            String key = "extractor." + e.getKey();
            if (e.getKey().startsWith("layer4.") || e.getKey().startsWith("fc.")) {
                assertTrue(!after.containsKey(key), key);
            } else if (e.getValue().is_floating_point()) {
                assertArrayEquals(Tensors.toFloats(e.getValue()), Tensors.toFloats(after.get(key)), 0f, key);
            }
        }
        assertEquals(tracked, Tensors.toLongs(after.get("extractor.layer3.1.bn2.num_batches_tracked"))[0]);
        assertEquals(sfBefore, Tensors.toFloats(after.get("extractor.layer2.0.conv2.sf_coef"))[0]);
    }

    @Test
    void aFileOfAnotherArchitectureIsAUserError() {
        Map<String, Tensor> weights = ReferenceFixtures.stateDict(Fixture.of("G_pretrained_format"), "resnet18-5c106cde");
        UniDefenseResNet model = (UniDefenseResNet) ModelRegistry.create("UDR50");
        UserInputException e = assertThrows(UserInputException.class,
                () -> model.loadExtractorWeights(weights, "resnet18-5c106cde.pth"));
        assertTrue(e.getMessage().contains("resnet18-5c106cde.pth")
                && e.getMessage().contains("missing keys: layer1.0.conv3.weight"), e.getMessage());
    }
}
