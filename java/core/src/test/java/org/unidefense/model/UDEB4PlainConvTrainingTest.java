package org.unidefense.model;

import org.unidefense.config.ModelConfig;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import java.util.Map;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UDEB4 with freq_norm=None (plain depthwise convs, 20 M instead of 128 M parameters, so a
 * train-mode backward pass is cheap): the structure the reference builds for None, and gradient
 * flow from the classification and reconstruction outputs to every trainable part.
 */
class UDEB4PlainConvTrainingTest {
    private static UDEB4 model;

    @BeforeAll
    static void build() {
        set_num_threads(2);
        model = new UDEB4(ModelConfig.defaults("UDEB4").withNumClasses(2).withFreqNorm(null).withImageSize(64));
    }

    @AfterAll
    static void free() {
        model.close();
    }

    @Test
    void noneFreqNormBuildsNoSpatialFrequencyConvs() {
        Map<String, Tensor> sd = model.stateDict();
        // 802 reference keys minus sf_coef and freq_conv.weight of blocks 6..29
        assertEquals(802 - 48, sd.size());
        assertTrue(sd.keySet().stream().noneMatch(k -> k.contains("sf_coef") || k.contains("freq_conv")));
        assertTrue(sd.containsKey("fuse_coef"));
    }

    @Test
    void trainingGradientsReachBackboneDecoderAttentionAndClassifierButNotTheFrozenShift() {
        model.train(true);
        model.setGenerator(make_generator_cpu(5));
        // block 30 has no residual, so stochastic depth cannot cut its gradient
        Tensor x = rand(2, 3, 64, 64).mul(new org.bytedeco.pytorch.Scalar(2.0)).sub(new org.bytedeco.pytorch.Scalar(1.0));
        ModelOutput out = model.forward(x);
        Tensor labels = Tensors.fromLongs(new long[]{0, 1}, 2);
        Tensor loss = cross_entropy(out.clsOut(), labels).add(out.spatial().mean()).add(out.freqMask().mean());
        loss.backward();

        Map<String, Tensor> sd = model.stateDict();
        for (String key : new String[]{"backbone._conv_stem.weight", "backbone._blocks.30._project_conv.weight",
                "dec_block1.0.weight", "dec_block3.9.weight", "freq_filter.layer1.0.weight",
                "spat_filter.layer2.0.weight", "fuse_coef", "bottleneck.weight", "classifier.fc.weight"}) {
            Tensor grad = sd.get(key).grad();
            assertTrue(grad.defined(), key + " has no gradient");
            float[] g = Tensors.toFloats(grad);
            double norm = 0;
            for (float v : g) {
                assertTrue(Float.isFinite(v), key);
                norm += v * v;
            }
            assertTrue(norm > 0, key + " gradient is zero");
        }
        assertFalse(sd.get("bottleneck.bias").requires_grad());
        assertFalse(sd.get("bottleneck.bias").grad().defined());
    }
}
