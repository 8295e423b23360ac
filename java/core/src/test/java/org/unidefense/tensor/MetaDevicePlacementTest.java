package org.unidefense.tensor;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.unidefense.perturb.Coral;
import org.unidefense.perturb.GaussianBlur5x5;
import org.unidefense.perturb.GeneratorRandom;
import org.unidefense.perturb.PerturbationKind;
import org.unidefense.perturb.PerturbationPolicy;
import org.unidefense.perturb.PerturbationRandom;
import org.unidefense.perturb.Perturbed;
import org.unidefense.perturb.StyleLambda;
import org.unidefense.perturb.WhiteNoise;
import org.unidefense.loss.ClassificationLoss;
import org.unidefense.loss.MaskConsistencyLoss;
import org.unidefense.model.efficientnet.DropConnect;
import org.unidefense.model.nn.Dropouts;
import org.unidefense.testing.PointerScopePerTest;

import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training-time code that creates tensors (perturbation draws, dropout and drop-connect
 * masks, CORAL, the blur kernel, losses) run on libtorch's {@code meta} device, which holds
 * shapes but no data and needs no hardware. The random draws still come from the seeded CPU
 * generator, as on a GPU; any tensor left on the CPU meets a meta tensor in an op and libtorch
 * refuses with "Expected all tensors to be on the same device" — the same error a CUDA run
 * would give. What meta cannot run (convolution, FFT, std, index_select have no meta kernels in
 * libtorch 2.10, and nothing can read values) is listed in docs/gpu.md: the style branch and
 * CORAL (std, index_select) and the blur (a convolution) are therefore checked by reading.
 */
@ExtendWith(PointerScopePerTest.class)
class MetaDevicePlacementTest {
    private static final Device META = new Device("meta");

    private static Tensor meta(long... shape) {
        return empty(shape, new TensorOptions(ScalarType.Float).device(new DeviceOptional(META)), new MemoryFormatOptional());
    }

    private static void assertOnMeta(Tensor t, long... shape) {
        assertTrue(t.device().is_meta(), "expected a meta tensor, found one on " + Placement.describe(t.device()));
        assertArrayEquals(shape, Tensors.shape(t));
    }

    /** The premise of every other test here: libtorch rejects an op mixing a CPU and a meta tensor. */
    @Test
    void aCpuTensorMeetingAMetaTensorIsAnError() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> meta(2, 3).mul(ones(2, 3)));
        assertTrue(e.getMessage().contains("same device"), e.getMessage());
    }

    /** Draws on the real seeded CPU generator, with the branch and kind draws fixed. */
    private static PerturbationRandom scripted(double branch, long kind) {
        GeneratorRandom real = GeneratorRandom.seeded(5);
        return new PerturbationRandom() {
            @Override
            public Tensor permutation(long n) {
                return real.permutation(n);
            }

            @Override
            public double uniform() {
                return branch;
            }

            @Override
            public long integer(long bound) {
                return kind;
            }

            @Override
            public Tensor uniform(long... shape) {
                return real.uniform(shape);
            }

            @Override
            public Tensor normal(double std, long... shape) {
                return real.normal(std, shape);
            }
        };
    }

    @Test
    void whiteNoiseAndDownscaleStayOnTheImagesDevice() {
        PerturbationPolicy policy = new PerturbationPolicy(Coral.sqrt());
        Perturbed noise = policy.perturb(meta(4, 3, 8, 8), 2, scripted(0.1, 0));
        assertEquals(PerturbationKind.NOISE, noise.record().kind());
        assertOnMeta(noise.input(), 4, 3, 8, 8);
        Perturbed down = policy.perturb(meta(4, 3, 8, 8), 2, scripted(0.1, 2));
        assertEquals(PerturbationKind.DOWNSCALE, down.record().kind());
        assertOnMeta(down.input(), 4, 3, 8, 8);
        Generator g = make_generator_cpu(3);
        assertOnMeta(new WhiteNoise().apply(meta(2, 3, 4, 4), g), 2, 3, 4, 4);
    }

    @Test
    void theStyleMixingWeightFollowsTheImages() {
        // the frequency transfer's λ (its FFT itself has no meta kernel)
        Tensor u = rand(new long[]{4, 1, 1, 1}, new GeneratorOptional(make_generator_cpu(1)), new DimnameListOptional());
        assertOnMeta(StyleLambda.fromUniform(u, meta(4, 3, 8, 8)), 4, 1, 1, 1);
    }

    @Test
    void theBlurKernelIsMadeOncePerDevice() {
        DeviceConstant kernel = new DeviceConstant(GaussianBlur5x5::kernel2d);
        Tensor onMeta = kernel.like(meta(1, 3, 8, 8));
        assertOnMeta(onMeta, 5, 5);
        assertSame(onMeta, kernel.like(meta(2, 1, 4, 4)), "one copy per device and dtype");
        Tensor onCpu = kernel.like(ones(1, 3, 8, 8));
        assertTrue(onCpu.device().is_cpu());
        assertArrayEquals(Tensors.toFloats(GaussianBlur5x5.kernel2d()), Tensors.toFloats(onCpu), 0f);
    }

    @Test
    void dropoutMasksAreDrawnOnTheCpuGeneratorAndUsedOnTheActivationsDevice() {
        assertOnMeta(Dropouts.apply(meta(2, 4, 3, 3), 0.2, true, make_generator_cpu(9)), 2, 4, 3, 3);
        assertOnMeta(DropConnect.apply(meta(2, 4, 3, 3), 0.2, true, make_generator_cpu(9)), 2, 4, 3, 3);
        // A meta draw consumes the CPU generator as a CPU draw does: the next CPU draw of both is the same.
        Generator a = make_generator_cpu(9);
        Generator b = make_generator_cpu(9);
        Dropouts.mask(meta(2, 4, 3, 3), 0.2, a);
        Dropouts.mask(ones(2, 4, 3, 3), 0.2, b);
        assertArrayEquals(Tensors.toFloats(Dropouts.mask(ones(5), 0.5, b)), Tensors.toFloats(Dropouts.mask(ones(5), 0.5, a)), 0f);
    }

    @Test
    void onTheCpuTheDropoutMaskIsLibtorchsBernoulliDrawAsBefore() {
        // inverted dropout: keep ~ Bernoulli(1-p) from the generator's stream, scaled by 1/(1-p)
        Tensor like = ones(3, 5);
        Tensor mask = Dropouts.mask(like, 0.5, make_generator_cpu(4));
        Tensor reference = org.bytedeco.pytorch.global.torch.empty_like(like)
                .bernoulli_(0.5, new GeneratorOptional(make_generator_cpu(4))).mul(new org.bytedeco.pytorch.Scalar(2.0));
        assertArrayEquals(Tensors.toFloats(reference), Tensors.toFloats(mask), 0f);
    }

    @Test
    void lossesComputeOnTheDeviceOfTheirInputs() {
        Tensor labels = empty(new long[]{4}, new TensorOptions(ScalarType.Long).device(new DeviceOptional(META)),
                new MemoryFormatOptional());
        assertOnMeta(ClassificationLoss.crossEntropy(meta(4, 2), labels));
        assertOnMeta(MaskConsistencyLoss.maskMean(meta(4, 1, 8, 8)));
        assertOnMeta(MaskConsistencyLoss.klDivergence(meta(4, 1, 8, 8), meta(4, 1, 8, 8)));
    }

    @Test
    void aBatchMovesToTheModelsDeviceAndStaysPutOnTheCpu() {
        Tensor host = ones(2, 3);
        assertSame(host, Placement.toDevice(host, DeviceSpec.CPU), "no copy on the CPU");
        assertSame(host, Placement.onDeviceOf(host, ones(1)));
        assertOnMeta(Placement.toDevice(host, META), 2, 3);
        assertOnMeta(Placement.onDeviceOf(host, meta(1)), 2, 3);
    }
}
