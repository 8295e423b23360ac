package org.unidefense.model.nn;

import org.unidefense.tensor.FftNorm;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.junit.jupiter.api.Test;
import org.unidefense.model.StateDicts;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;
import static org.bytedeco.pytorch.global.torch.constant_pad_nd;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.eye;
import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unidefense.model.TensorAssert.assertClose;

class SFConv2dTest {
    private static Tensor randn(Generator g, long... shape) {
        return empty(shape).normal_(0.0, 1.0, new GeneratorOptional(g));
    }

    @Test
    void parametersAreNamedLikeTheReferenceConv2dSubclass() {
        SFConv2d withBias = SFConv2d.builder(4, 6, 3).padding(1).build();
        assertEquals(List.of("weight", "bias", "sf_coef", "freq_conv.weight"),
                List.copyOf(StateDicts.of(withBias).keySet()));
        SFConv2d noBias = SFConv2d.builder(4, 4, 3).bias(false).build();
        assertEquals(List.of("weight", "sf_coef", "freq_conv.weight"), List.copyOf(StateDicts.of(noBias).keySet()));
        assertEquals(List.of(8L, 8L, 1L, 1L), List.of(noBias.freqConv().weight().size(0),
                noBias.freqConv().weight().size(1), noBias.freqConv().weight().size(2), noBias.freqConv().weight().size(3)));
    }

    /** sf_coef very negative: only the spatial branch counts, i.e. a plain convolution. */
    @Test
    void closedFrequencyGateGivesThePlainConvolution() {
        Generator g = make_generator_cpu(7);
        SFConv2d conv = SFConv2d.builder(3, 5, 3).stride(2).padding(1).bias(true).build();
        try (NoGradGuard ng = new NoGradGuard()) {
            StateDicts.of(conv).get("sf_coef").fill_(new org.bytedeco.pytorch.Scalar(-40.0));
            Tensor x = randn(g, 2, 3, 9, 10);
            Tensor expected = conv2d(x, conv.weight(), new TensorOptional(StateDicts.of(conv).get("bias")),
                    new long[]{2, 2}, new long[]{1, 1}, new long[]{1, 1}, 1);
            assertClose("spatial only", expected, conv.forward(x), 1e-6, 1e-6);
        }
    }

    /**
     * sf_coef very positive and an identity freq_conv: irfft2(rfft2(x)) = x for any norm, so the
     * output is x itself, average-pooled to the strided output size. Odd sizes exercise s=(H,W).
     */
    @Test
    void openFrequencyGateWithIdentityConvReturnsTheInputPooledToTheOutputSize() {
        Generator g = make_generator_cpu(11);
        for (FftNorm norm : FftNorm.values()) {
            for (long stride : new long[]{1, 2}) {
                SFConv2d conv = SFConv2d.builder(4, 4, 3).stride(stride).padding(1).bias(false).freqNorm(norm).build();
                try (NoGradGuard ng = new NoGradGuard()) {
                    StateDicts.of(conv).get("sf_coef").fill_(new org.bytedeco.pytorch.Scalar(40.0));
                    conv.freqConv().weight().copy_(eye(8).view(8, 8, 1, 1));
                    Tensor x = randn(g, 2, 4, 7, 9);
                    Tensor out = conv.forward(x);
                    Tensor expected = stride == 1 ? x : adaptive_avg_pool2d(x, out.size(-2), out.size(-1));
                    assertClose(norm + " stride " + stride, expected, out, 2e-6, 1e-5);
                }
            }
        }
    }

    /** EfficientNet variant: depthwise, stride 2, explicit asymmetric zero padding of the spatial branch. */
    @Test
    void explicitPaddingAppliesToTheSpatialBranchOnly() {
        Generator g = make_generator_cpu(13);
        SFConv2d conv = SFConv2d.builder(6, 6, 5).stride(2).groups(6).bias(false)
                .explicitPadding(1, 2, 1, 2).freqNorm(FftNorm.ORTHO).build();
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor coef = StateDicts.of(conv).get("sf_coef");
            coef.fill_(new org.bytedeco.pytorch.Scalar(0.3));
            Tensor x = randn(g, 1, 6, 11, 11);
            Tensor spatial = conv2d(constant_pad_nd(x, 1, 2, 1, 2), conv.weight(), new TensorOptional(),
                    new long[]{2, 2}, new long[]{0, 0}, new long[]{1, 1}, 6);
            // the frequency branch on its own: freq gate fully open
            coef.fill_(new org.bytedeco.pytorch.Scalar(60.0));
            Tensor frequency = conv.forward(x);
            coef.fill_(new org.bytedeco.pytorch.Scalar(0.3));
            double c = 1.0 / (1.0 + Math.exp(-0.3));
            Tensor expected = spatial.mul(new org.bytedeco.pytorch.Scalar(1 - c))
                    .add(frequency.mul(new org.bytedeco.pytorch.Scalar(c)));
            Tensor out = conv.forward(x);
            assertEquals(5, out.size(-1)); // (11 + 1 + 2 - 5) / 2 + 1
            assertClose("mix", expected, out, 1e-5, 1e-5);
        }
    }
}
