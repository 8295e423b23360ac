package org.unidefense.model;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigFiles;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.efficientnet.EfficientNetBackbone;
import org.unidefense.model.efficientnet.SamePadding;
import org.unidefense.model.weights.ImageNetInit;
import org.unidefense.model.weights.WeightFiles;
import org.unidefense.tensor.FftNorm;
import org.unidefense.tensor.Tensors;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code model:} key reaches the built model as in the reference, which passes the whole
 * block to the constructor ({@code load_model(name)(**model_cfg)}) and, for UDEB4, the keys it
 * does not name on to {@code EfficientNet.from_pretrained(**kwargs)} → {@code GlobalParams._replace}.
 * Each test writes a model file from YAML, builds it as training does ({@link ModelRegistry}) and
 * compares with the same file without the key. The official templates use name, num_classes,
 * drop_rate, extractor, extractor_weights and mid_depth; the others are the constructors' own.
 * The cases use UDEB4 on efficientnet-b0 at 32 px to stay small (the head keys act on the
 * network all three variants share, {@link UniDefenseNet}), and set keys that act on disjoint
 * parts in one build.
 */
class ModelKeysTest {
    @TempDir
    Path dir;

    /** UDEB4 on efficientnet-b0 at 32 px with every other key at its default, built once. */
    private static UDEB4 defaultEb0;

    private UDEB4 defaultEb0() {
        if (defaultEb0 == null) {
            defaultEb0 = eb0("");
        }
        return defaultEb0;
    }

    /** The minimal model file of the config tests with {@code modelKeys} as its {@code model:} block. */
    private ResolvedConfig load(String modelKeys) {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        String text = ConfigFiles.minimalModel("data.yml").replace("  name: UDR18\n", modelKeys.indent(2));
        return ConfigLoader.load(ConfigFiles.write(dir, "model.yml", text));
    }

    private UniDefenseModel build(String modelKeys) {
        return ModelRegistry.create(load(modelKeys).model());
    }

    private UDEB4 eb0(String extraKeys) {
        return (UDEB4) build("name: UDEB4\nextractor: efficientnet-b0\nimage_size: 32\n" + extraKeys);
    }

    private static long[] shape(UniDefenseModel m, String key) {
        return Tensors.shape(m.stateDict().get(key));
    }

    @Test
    void nameSelectsTheRegistryEntryUpperCasedAsTheReferenceDoes() {
        assertEquals(ModelArch.UDR18, load("name: udr18").model().arch());
        assertEquals(ModelArch.UDR50, load("name: UniDefenseModelRes50").model().arch());
        assertEquals("UDEB4", defaultEb0().architecture());
    }

    @Test
    void headKeysReachTheSharedNetwork() {
        UDEB4 base = defaultEb0();
        UDEB4 set = eb0("num_classes: 3\ndrop_rate: 0.5\nbias: true\naffine: false");
        // num_classes: the classifier's width (UDEB4's own default is one logit)
        assertArrayEquals(new long[]{1, 1280}, shape(base, "classifier.fc.weight"));
        assertArrayEquals(new long[]{3, 1280}, shape(set, "classifier.fc.weight"));
        // drop_rate: the model's nn.Dropout and, passed on by the reference, the EfficientNet's dropout_rate
        assertEquals(0.2, base.dropRate());
        assertEquals(0.5, set.dropRate());
        assertEquals(0.5, set.backbone().params().dropoutRate());
        // bias: the decoder's and attention's convs get biases; affine: InstanceNorm2d(affine=False) has no weights
        Map<String, Tensor> plain = base.stateDict();
        Map<String, Tensor> changed = set.stateDict();
        assertFalse(plain.containsKey("dec_block1.0.bias"));
        assertTrue(changed.containsKey("dec_block1.0.bias"));
        assertTrue(plain.containsKey("dec_block1.1.weight"));
        assertFalse(changed.containsKey("dec_block1.1.weight"));
    }

    @Test
    void extractorSelectsTheVariant() {
        // B0 has 16 blocks; B1 (depth 1.1) 23, same width
        EfficientNetBackbone b1 = ((UDEB4) build("name: UDEB4\nextractor: efficientnet-b1\nimage_size: 32"))
                .backbone();
        assertEquals(16, defaultEb0().backbone().blocks().size());
        assertEquals(List.of(1, 3, 5, 8, 11, 15, 16), defaultEb0().backbone().stageEnds());
        assertEquals(23, b1.blocks().size());
        // the ResNet variants have one extractor each; another name is refused before anything is built
        UserInputException e = assertThrows(UserInputException.class,
                () -> build("name: UDR18\nextractor: resnet50"));
        assertTrue(e.getMessage().contains("resnet18"), e.getMessage());
    }

    @Test
    void extractorWeightsInitialiseTheBackbone() {
        // the reference loads them in its constructor; here ImageNetInit does, right after the build (Runs)
        Path file = WeightFiles.pretrained(dir, "resnet18-5c106cde");
        ResolvedConfig cfg = load("name: UDR18\nextractor_weights: " + file.getFileName());
        UniDefenseModel model = ModelRegistry.create(cfg.model());
        float before = Tensors.toFloats(model.stateDict().get("extractor.conv1.weight"))[0];
        ImageNetInit.apply(model, cfg.model(), cfg.modelFile()).orElseThrow();
        float after = Tensors.toFloats(model.stateDict().get("extractor.conv1.weight"))[0];
        assertNotEquals(before, after);
        assertEquals(-0.308349609375f, after); // the fixture file's first value (ImageNetInitTest)
    }

    @Test
    void midDepthMustBeTheExtractorsWidth() {
        // the templates write mid_depth: 1024 for UDR50, its default: the same model as without the key
        assertEquals(load("name: UDR50").model(), load("name: UDR50\nmid_depth: 1024").model());
        // any other width cannot run (the reference fails at the first forward): refused before building
        UserInputException e = assertThrows(UserInputException.class, () -> build("name: UDR18\nmid_depth: 512"));
        assertTrue(e.getMessage().contains("mid_depth must be 448"), e.getMessage());
    }

    @Test
    void freqNormChangesTheSpectralComputations() {
        UDEB4 ortho = defaultEb0();
        UDEB4 backward = eb0("freq_norm: backward");
        assertEquals(FftNorm.ORTHO, ortho.backbone().params().freqNorm());
        assertEquals(FftNorm.BACKWARD, backward.backbone().params().freqNorm()); // the SFConvs' norm
        StateDictLoader.load(backward, ortho.stateDict(), "the ortho model's weights");
        ortho.eval();
        backward.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            manual_seed(3);
            Tensor x = randn(1, 3, 32, 32).tanh();
            // the same weights: only the FFT scaling differs (backward: unscaled, ortho: 1/sqrt(h*w))
            assertFalse(Arrays.equals(Tensors.toFloats(ortho.forward(x).freq()),
                    Tensors.toFloats(backward.forward(x).freq())));
        }
    }

    @Test
    void delimiterMovesWhereTheBackboneIsCut() {
        // group 4 ends one block early: the decoder reads block 9's output, group 5 starts at block 10
        UDEB4 moved = eb0("delimiter: [1, 3, 5, 8, 10, 15, 16]");
        assertArrayEquals(new int[]{1, 3, 5, 8, 11, 15, 16}, defaultEb0().delimiter());
        assertArrayEquals(new int[]{1, 3, 5, 8, 10, 15, 16}, moved.delimiter());
        moved.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            manual_seed(5);
            Tensor x = randn(1, 3, 32, 32).tanh();
            Udeb4Trace t = moved.forwardTraced(x, null);
            EfficientNetBackbone net = moved.backbone();
            Tensor block9 = net.blocks(net.stem(x), 0, 10);
            assertArrayEquals(Tensors.toFloats(block9), Tensors.toFloats(t.xB4()));
            assertArrayEquals(Tensors.toFloats(net.blocks(block9, 10, 15)), Tensors.toFloats(t.xB5()));
        }
        UserInputException e = assertThrows(UserInputException.class, () -> eb0("delimiter: [1, 3, 5, 8, 11, 15]"));
        assertTrue(e.getMessage().contains("delimiter"), e.getMessage());
    }

    @Test
    void imageSizePlansThePaddings() {
        // absent: the variant's native size (efficientnet_params), without building
        assertEquals(224, UDEB4.params(load("name: UDEB4\nextractor: efficientnet-b0").model()).imageSize());
        // block 1 (k3, stride 2) is planned for the stem's output, ceil(size / 2): 16 px at 32, 17 at 33;
        // SAME padding max((ceil(i/2) - 1) * 2 + 3 - i, 0) is 1 (0 left, 1 right) at 16 and 2 (1, 1) at 17
        EfficientNetBackbone at33 = ((UDEB4) build("name: UDEB4\nextractor: efficientnet-b0\nimage_size: 33"))
                .backbone();
        assertEquals(new SamePadding(0, 1, 0, 1), defaultEb0().backbone().blocks().get(1).depthwiseConv().padding());
        assertEquals(new SamePadding(1, 1, 1, 1), at33.blocks().get(1).depthwiseConv().padding());
    }

    @Test
    void dropConnectRateSetsEachBlocksDropPathProbability() {
        EfficientNetBackbone byDefault = defaultEb0().backbone();
        EfficientNetBackbone half = eb0("drop_connect_rate: 0.5").backbone();
        int n = byDefault.blocks().size();
        for (int i = 0; i < n; i++) {
            // forward_backbone_block: drop_connect_rate * idx / len(blocks), 0.2 unless given
            assertEquals(0.2 * i / n, byDefault.dropConnectRate(i), 1e-15);
            assertEquals(0.5 * i / n, half.dropConnectRate(i), 1e-15);
        }
    }

    @Test
    void efficientNetOverridesReachTheGlobalParameters() {
        assertArrayEquals(new long[]{32, 3, 3, 3}, shape(defaultEb0(), "backbone._conv_stem.weight"));
        // round_filters(32): width 2.0 gives 64, rounded to divisor 24: max(24, int(64 + 12) // 24 * 24) = 72
        // (not below 0.9 * 64); in_channels 1: a one-channel stem (_change_in_channels)
        UDEB4 wide = eb0("width_coefficient: 2.0\ndepth_divisor: 24\nin_channels: 1");
        assertArrayEquals(new long[]{72, 1, 3, 3}, shape(wide, "backbone._conv_stem.weight"));
        // min_depth 40: max(40, 32) = 40; depth 1.2: ceil(1.2 * r) for r = 1,2,2,3,3,4,1 is 23 blocks
        UDEB4 deep = eb0("min_depth: 40\ndepth_coefficient: 1.2\nbatch_norm_epsilon: 1.0e-5");
        assertArrayEquals(new long[]{40, 3, 3, 3}, shape(deep, "backbone._conv_stem.weight"));
        assertEquals(23, deep.backbone().blocks().size());
        assertEquals(1e-5, deep.backbone().params().batchNormEpsilon());
    }

    @Test
    void batchNormMomentumIsTensorFlowsDecay() {
        // bn_mom = 1 - batch_norm_momentum: the default 0.99 updates running stats by 0.01 of the
        // batch statistic, 0.9 by 0.1 — ten times as much from the same (zero) start
        UDEB4 slow = eb0("");
        UDEB4 fast = eb0("batch_norm_momentum: 0.9");
        StateDictLoader.load(fast, slow.stateDict(), "the default model's weights");
        slow.train(true);
        fast.train(true);
        try (NoGradGuard g = new NoGradGuard()) {
            manual_seed(9);
            Tensor x = randn(2, 3, 32, 32);
            slow.backbone().stem(x);
            fast.backbone().stem(x);
        }
        float[] s = Tensors.toFloats(slow.stateDict().get("backbone._bn0.running_mean"));
        float[] f = Tensors.toFloats(fast.stateDict().get("backbone._bn0.running_mean"));
        for (int c = 0; c < s.length; c++) {
            assertEquals(10 * s[c], f[c], 1e-5 * Math.max(1, Math.abs(f[c])));
        }
    }

    @Test
    void unknownKeysAreWarnedAboutAndIgnored() {
        ResolvedConfig cfg = load("name: UDR18\ndropout: 0.3");
        assertEquals(1, cfg.warnings().size(), cfg.warnings().toString());
        assertTrue(cfg.warnings().get(0).contains("unknown key 'model.dropout' is ignored"), cfg.warnings().get(0));
        assertEquals(0.2, cfg.model().dropRate()); // the default, as without the key
    }
}
