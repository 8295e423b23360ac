package org.unidefense.model;

import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import java.util.Map;

import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where gradients flow in a train-mode UDR18 step, as in the reference: the attention sees a
 * detached reconstruction, so the classifier output gives the decoder no gradient; the frozen
 * bottleneck shift gets none; the spectral paths (SFConv gates, fuse_coef) get finite ones.
 */
class ResNetGradientFlowTest {
    private static double absSum(Tensor grad) {
        return grad == null || !grad.defined() ? 0.0 : grad.abs().sum().item_double();
    }

    private static boolean finite(Tensor grad) {
        return grad.isfinite().all().item_bool();
    }

    @Test
    void classifierLossReachesBackboneAndAttentionButNotTheDecoder() {
        torch.set_num_threads(2);
        UniDefenseModel model = ModelRegistry.create("UDR18");
        model.train(true);
        model.setGenerator(make_generator_cpu(5));
        Tensor x = empty(4, 3, 32, 32).uniform_(-1.0, 1.0, new GeneratorOptional(make_generator_cpu(6)));
        Map<String, Tensor> p = model.stateDict();
        // Open the SFConv gates a little so their branch matters, as trained weights do. (At init
        // every extractor block's residual branch ends in a zero-weight BatchNorm, timm's
        // zero_init_last, so only that BatchNorm's weight sees a gradient inside the branch.)
        try (org.bytedeco.pytorch.NoGradGuard g = new org.bytedeco.pytorch.NoGradGuard()) {
            p.forEach((k, t) -> {
                if (k.endsWith("sf_coef")) {
                    t.fill_(new org.bytedeco.pytorch.Scalar(-1.0));
                }
            });
        }
        ModelOutput out = model.forward(x);
        out.clsOut().sum().backward();

        assertTrue(absSum(p.get("extractor.conv1.weight").grad()) > 0);
        for (String key : new String[]{"extractor.layer2.0.bn2.weight", "emb_block2.conv1.freq_conv.weight",
                "emb_block1.conv2.sf_coef", "fuse_coef", "freq_filter.layer1.0.weight", "spat_filter.layer2.0.weight"}) {
            Tensor grad = p.get(key).grad();
            assertTrue(absSum(grad) > 0, key + " gets a gradient");
            assertTrue(finite(grad), key + " gradient is finite");
        }
        assertTrue(absSum(p.get("dec_block1.0.weight").grad()) == 0.0, "decoder is cut off by detach()");
        assertFalse(p.get("bottleneck.bias").requires_grad());
        assertTrue(absSum(p.get("bottleneck.bias").grad()) == 0.0);
        assertTrue(Tensors.shape(out.rec())[2] == 32);
    }
}
