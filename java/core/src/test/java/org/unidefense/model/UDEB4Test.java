package org.unidefense.model;

import org.unidefense.config.ModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.model.efficientnet.SamePadding;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * UDEB4 against fixture A_udeb4: the reference's eval-mode forward of a [2,3,128,128] input with
 * the model built for image_size=128, and with the default 380 (whose planned padding differs in
 * _blocks.6). Each model is built and loaded once and all forward passes run in {@link #setUp}.
 */
class UDEB4Test {
    private static final Fixture FIX = Fixture.of("A_udeb4");
    private static final double ATOL = 5e-4;
    private static final double RTOL = 1e-3;

    private static List<String> modelKeys;
    private static Map<String, long[]> modelShapes;
    private static SamePadding block6Padding128;
    private static SamePadding block6Padding380;
    private static Udeb4Trace at128;
    private static Tensor xB6FromStoredAttention;
    private static ModelOutput at380;
    private static Tensor scoreAt128;
    private static UDEB4 model380;
    private static ModelOutput trainMode;
    private static Tensor trainModeLogitsFromFactorization;

    @BeforeAll
    static void setUp() {
        set_num_threads(2);
        Map<String, Tensor> weights = fixtureWeights();
        Tensor input = fixtureTensor("input");

        UDEB4 model = new UDEB4(ModelConfig.defaults("UDEB4").withNumClasses(2).withExtractor("efficientnet-b4").withImageSize(128));
        Map<String, Tensor> sd = model.stateDict();
        modelKeys = new ArrayList<>(sd.keySet());
        modelShapes = new LinkedHashMap<>();
        sd.forEach((k, v) -> modelShapes.put(k, Tensors.shape(v)));
        block6Padding128 = model.backbone().blocks().get(6).depthwiseConv().padding();
        StateDictLoader.load(model, weights, "fixture A_udeb4 weights");
        model.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            at128 = model.forwardTraced(input, null);
            scoreAt128 = model.score(input);
            xB6FromStoredAttention = model.backbone().blocks(fixtureTensor("inter_attention_out"), 30, 32);

            // Train mode last: it updates the BN running statistics.
            model.train(true);
            model.setGenerator(make_generator_cpu(7));
            trainMode = model.forward(input);
            trainModeLogitsFromFactorization = trainMode.factorization()
                    .matmul(sd.get("classifier.fc.weight").t()).add(sd.get("classifier.fc.bias"));
        }
        model.close();

        model380 = (UDEB4) ModelRegistry.create(ModelConfig.defaults("udeb4").withNumClasses(2));
        block6Padding380 = model380.backbone().blocks().get(6).depthwiseConv().padding();
        StateDictLoader.load(model380, weights, "fixture A_udeb4 weights");
        model380.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            at380 = model380.forward(input);
        }
        weights.values().forEach(Tensor::close);
    }

    @AfterAll
    static void tearDown() {
        model380.close();
        at128 = null;
        at380 = null;
        scoreAt128 = null;
        trainMode = null;
    }

    private static Map<String, Tensor> fixtureWeights() {
        Map<String, FixtureTensor> raw = FIX.stateDict("weights");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, FixtureTensor>> it = raw.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, FixtureTensor> e = it.next();
            out.put(e.getKey(), e.getValue().toTensor());
            it.remove(); // drop each Java copy at once: the weights are 0.5 GB
        }
        return out;
    }

    private static Tensor fixtureTensor(String name) {
        return Tensors.fromFloats(FIX.floats(name), FIX.shape(name));
    }

    /** Elementwise |actual - expected| <= atol + rtol * |expected|, reporting the worst element. */
    private static void assertClose(String name, Tensor actual) {
        assertArrayEquals(FIX.shape(name), Tensors.shape(actual), name + " shape");
        float[] expected = FIX.floats(name);
        float[] got = Tensors.toFloats(actual);
        double worstExcess = Double.NEGATIVE_INFINITY;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double excess = Math.abs(got[i] - expected[i]) - (ATOL + RTOL * Math.abs(expected[i]));
            if (Double.isNaN(excess) || excess > worstExcess) {
                worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                worst = i;
            }
        }
        if (worstExcess > 0) {
            fail(name + "[" + worst + "] = " + got[worst] + ", reference " + expected[worst]
                    + " (beyond atol " + ATOL + " + rtol " + RTOL + ")");
        }
    }

    @Test
    void stateDictKeysShapesAndOrderEqualTheReference() {
        JsonNode entries = FIX.manifest().path("state_dicts").path("weights").path("entries");
        List<String> referenceKeys = new ArrayList<>();
        for (JsonNode e : entries) {
            String key = e.get("name").asText();
            referenceKeys.add(key);
            long[] shape = new long[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get("shape").get(i).asLong();
            }
            assertTrue(modelShapes.containsKey(key), "model lacks " + key);
            assertArrayEquals(shape, modelShapes.get(key), key);
        }
        assertEquals(802, referenceKeys.size());
        assertEquals(referenceKeys, modelKeys);
    }

    @Test
    void plannedPaddingOfBlock6FollowsTheConfiguredImageSize() {
        assertEquals(new SamePadding(1, 2, 1, 2), block6Padding128);
        assertEquals(new SamePadding(2, 2, 2, 2), block6Padding380);
    }

    /** The scoring-only path (validation, inference) gives the reference's logits, equal to the full forward's. */
    @Test
    void scoreMatchesTheReferenceLogits() {
        assertClose("cls_out", scoreAt128);
        assertArrayEquals(Tensors.toFloats(at128.output().clsOut()), Tensors.toFloats(scoreAt128), 0f);
    }

    @Test
    void outputsMatchTheReferenceAtImageSize128() {
        ModelOutput o = at128.output();
        assertClose("cls_out", o.clsOut());
        assertClose("rec", o.rec());
        assertClose("spatial", o.spatial());
        assertClose("freq", o.freq());
        assertClose("freq_mask", o.freqMask());
        assertClose("spat_mask", o.spatMask());
        assertClose("factorization", o.factorization());
        assertEquals(3, o.triplet().size());
        assertClose("triplet_0", o.triplet().get(0));
        assertClose("triplet_1", o.triplet().get(1));
        assertClose("triplet_2", o.triplet().get(2));
    }

    @Test
    void intermediatesMatchTheReference() {
        assertClose("inter_x_b2", at128.xB2());
        assertClose("inter_x_b3", at128.xB3());
        assertClose("inter_x_b4", at128.xB4());
        assertClose("inter_decoder_out_raw", at128.decoderOutRaw());
        assertClose("inter_x_b5", at128.xB5());
        assertClose("inter_attention_out", at128.attentionOut());
        assertClose("inter_x_b6", at128.xB6());
        // the last group alone, fed the reference's attention output
        assertClose("inter_x_b6", xB6FromStoredAttention);
    }

    @Test
    void defaultImageSize380MatchesTheReferenceOnTheSameInput() {
        assertClose("default_imgsize380_cls_out", at380.clsOut());
        assertClose("default_imgsize380_freq_mask", at380.freqMask());
        assertClose("default_imgsize380_spat_mask", at380.spatMask());
        assertClose("default_imgsize380_spatial", at380.spatial());
        assertClose("default_imgsize380_freq", at380.freq());
        assertClose("default_imgsize380_factorization", at380.factorization());
    }

    @Test
    void trainModeFactorizationIsTheDroppedOutEmbeddingTheClassifierSees() {
        float[] f = Tensors.toFloats(trainMode.factorization());
        int zeros = 0;
        for (float v : f) {
            zeros += v == 0f ? 1 : 0;
        }
        double fraction = zeros / (double) f.length;
        // nn.Dropout(0.2), in place in the reference: about 20 % of the 3584 values (binomial sd 0.7 %)
        assertTrue(fraction > 0.15 && fraction < 0.25, "zero fraction " + fraction);
        assertArrayEquals(Tensors.toFloats(trainModeLogitsFromFactorization), Tensors.toFloats(trainMode.clsOut()), 1e-4f);
    }

    /** G_pretrained_format's efficientnet-b4 checkpoint: 706 keys with _fc, no SFConv parameters. */
    private static Map<String, Tensor> pretrainedCheckpoint() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Fixture.of("G_pretrained_format").stateDict("adv-efficientnet-b4-44fb3a87")
                .forEach((k, v) -> out.put(k, v.toTensor()));
        return out;
    }

    @Test
    void pretrainedExtractorWeightsLoadLikeTheReferenceWithoutTopAndSfConvParameters() {
        Map<String, Tensor> checkpoint = pretrainedCheckpoint();
        Map<String, Tensor> sd = model380.stateDict();
        float sfCoefBefore = sd.get("backbone._blocks.6._depthwise_conv.sf_coef").item_float();

        List<String> kept = model380.loadExtractorWeights(checkpoint, "adv-efficientnet-b4-44fb3a87.pth");

        // the reference's loader reports exactly these 48 missing keys: sf_coef and freq_conv of blocks 6-29
        assertEquals(48, kept.size());
        assertTrue(kept.stream().allMatch(k -> k.endsWith("_depthwise_conv.sf_coef")
                || k.endsWith("_depthwise_conv.freq_conv.weight")), kept.toString());
        assertEquals(sfCoefBefore, sd.get("backbone._blocks.6._depthwise_conv.sf_coef").item_float());
        for (String key : List.of("_conv_stem.weight", "_blocks.6._depthwise_conv.weight", "_bn1.running_var")) {
            assertArrayEquals(Tensors.toFloats(checkpoint.get(key)), Tensors.toFloats(sd.get("backbone." + key)), 0f, key);
        }
        assertEquals(0L, Tensors.toLongs(sd.get("backbone._bn0.num_batches_tracked"))[0]);
    }

    @Test
    void pretrainedWeightsWithMissingOrForeignKeysAreRejectedByName() {
        Map<String, Tensor> checkpoint = pretrainedCheckpoint();
        checkpoint.remove("_blocks.3._bn2.running_mean");
        checkpoint.put("layer1.0.conv1.weight", checkpoint.get("_conv_stem.weight"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> model380.loadExtractorWeights(checkpoint, "resnet-like.pth"));
        assertTrue(e.getMessage().contains("resnet-like.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("_blocks.3._bn2.running_mean"), e.getMessage());
        assertTrue(e.getMessage().contains("layer1.0.conv1.weight"), e.getMessage());
    }

    @Test
    void onlyTheBottleneckShiftIsFrozen() {
        ParameterCount c = model380.parameterCount();
        assertEquals(c.parameters() - 1792, c.trainable());
        // fixtures README section 2: 128.4 M parameters and buffers
        assertEquals(128.4e6, c.total(), 0.05e6);
    }

    @Test
    void unknownExtractorAndNonPositiveImageSizeAreUserErrors() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> new UDEB4(ModelConfig.defaults("UDEB4").withExtractor("efficientnet-b9")));
        assertTrue(e.getMessage().contains("efficientnet-b9") && e.getMessage().contains("efficientnet-b4"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> new UDEB4(ModelConfig.defaults("UDEB4").withImageSize(0)));
        assertTrue(e.getMessage().contains("image_size"), e.getMessage());
        assertThrows(UserInputException.class, () -> new UDEB4(ModelConfig.defaults("UDEB4").withDelimiter(List.of(2, 6, 10, 16, 22, 30))));
    }
}
