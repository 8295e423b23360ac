package org.unidefense.model.weights;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.StateDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AdvProp EfficientNet-B4 ImageNet file (fixture G) initialises UDEB4's backbone as the
 * reference's load_pretrained_weights(load_fc=False) does. One model is built (UDEB4 is large),
 * at a small image_size: the padding plan does not change any weight's shape.
 */
class EfficientNetImageNetInitTest {
    private static final String NAME = "adv-efficientnet-b4-44fb3a87";

    @TempDir
    Path dir;

    @Test
    void fileLandsUnderTheBackbonePrefixWithoutItsTopAndWithoutTouchingSFConvs() {
        Path file = WeightFiles.pretrained(dir, NAME);
        ModelConfig config = new ModelConfig("UDEB4", ModelArch.UDEB4, "efficientnet-b4", file.toString(), 2, 0.2,
                null, false, true, "ortho", null, 64, 0.2, Map.of());
        UniDefenseModel model = ModelRegistry.create(config);
        Map<String, Tensor> sd = model.stateDict();
        try (NoGradGuard g = new NoGradGuard()) {
            sd.get("backbone._bn0.num_batches_tracked").fill_(new Scalar(9));
        }
        float[] stemBefore = Tensors.toFloats(sd.get("backbone._conv_stem.weight"));
        float[] sfCoef = Tensors.toFloats(sd.get("backbone._blocks.6._depthwise_conv.sf_coef"));
        float[] freqConv = Tensors.toFloats(sd.get("backbone._blocks.29._depthwise_conv.freq_conv.weight"));

        // the reference pops _fc.weight and _fc.bias and raises KeyError without them: refused before any copy
        StateDict full = TorchSaveFile.read(file).stateDict();
        Map<String, StoredTensor> noTop = new LinkedHashMap<>(full.tensors());
        noTop.remove("_fc.bias");
        UserInputException e = assertThrows(UserInputException.class,
                () -> ImageNetInit.load(model, new StateDict(noTop, null), file));
        assertTrue(e.getMessage().contains("has no _fc.bias"), e.getMessage());
        assertArrayEquals(stemBefore, Tensors.toFloats(sd.get("backbone._conv_stem.weight")), 0f);

        ImageNetInitReport report = ImageNetInit.apply(model, config).orElseThrow();

        assertEquals(List.of("_fc.weight", "_fc.bias"), report.dropped());
        assertEquals(706 - 2, report.loaded());
        assertFalse(sd.keySet().stream().anyMatch(k -> k.contains("_fc")), "UDEB4 has no classification top");
        int compared = 0;
        for (Map.Entry<String, FixtureTensor> t : Fixture.of("G_pretrained_format").stateDict(NAME).entrySet()) {
            if (t.getKey().startsWith("_fc.")) {
                continue;
            }
            Tensor landed = sd.get("backbone." + t.getKey());
            if (t.getValue().isFloat()) {
                assertArrayEquals(t.getValue().floats(), Tensors.toFloats(landed), 0f, t.getKey());
            } else {
                assertArrayEquals(t.getValue().longs(), Tensors.toLongs(landed), t.getKey());
            }
            compared++;
        }
        assertEquals(704, compared);
        assertEquals(0L, Tensors.toLongs(sd.get("backbone._bn0.num_batches_tracked"))[0]);

        // 48 SFConv tensors (depthwise convs of blocks 6-29) are not in an ImageNet file and keep their values
        assertEquals(48, report.keptInitial().size(), report.keptInitial().toString());
        assertTrue(report.keptInitial().stream().allMatch(k -> k.contains("sf_coef") || k.contains("freq_conv")));
        assertArrayEquals(sfCoef, Tensors.toFloats(sd.get("backbone._blocks.6._depthwise_conv.sf_coef")), 0f);
        assertArrayEquals(freqConv, Tensors.toFloats(sd.get("backbone._blocks.29._depthwise_conv.freq_conv.weight")), 0f);
    }
}
