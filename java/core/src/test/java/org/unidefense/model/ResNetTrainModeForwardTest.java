package org.unidefense.model;

import org.unidefense.config.ModelConfig;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unidefense.model.TensorAssert.assertClose;
import static org.unidefense.model.TensorAssert.maxAbsDiff;

/**
 * UDR18's train-mode forward against fixture E_train_udr18 (drop_rate 0, BatchNorm on batch
 * statistics): pass 1 with the scripted decoder-dropout mask, and pass 2 at the initial weights
 * (P2I) with the stored perturbed input for the backbone and the clean batch for the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResNetTrainModeForwardTest {
    private static final double ATOL = 5e-4;
    private static final double RTOL = 1e-3;
    private Fixture f;
    private UniDefenseModel model;
    private Tensor batch;

    @BeforeAll
    void build() {
        torch.set_num_threads(2);
        f = Fixture.of("E_train_udr18");
        model = ModelRegistry.create(ModelConfig.defaults("udr18").withDropRate(0.0));
        StateDictLoader.load(model, ReferenceFixtures.stateDict(f, "initial"), "E initial weights");
        model.train(true);
        batch = ReferenceFixtures.array(f, "batch");
    }

    @Test
    void passOneWithTheInjectedDecoderMaskMatchesTheReference() {
        try (NoGradGuard g = new NoGradGuard()) {
            model.injectDecoderDropoutMask(f.scriptedDropoutMask("dropout_pass1"));
            ModelOutput out = model.forward(batch);
            check("pass1_cls_out", out.clsOut());
            check("pass1_spatial", out.spatial());
            check("pass1_freq", out.freq());
            check("pass1_freq_mask", out.freqMask());
            check("pass1_spat_mask", out.spatMask());
            check("pass1_factorization", out.factorization());
            check("pass1_triplet_feat0", out.triplet().get(0));
            check("pass1_triplet_feat1", out.triplet().get(1));
        }
    }

    @Test
    void passTwoWithThePerturbedBackboneInputMatchesTheReference() {
        try (NoGradGuard g = new NoGradGuard()) {
            model.injectDecoderDropoutMask(f.scriptedDropoutMask("dropout_pass2"));
            ModelOutput out = model.forward(batch, ReferenceFixtures.array(f, "pass2_noise_x"));
            check("P2I_cls_out", out.clsOut());
            check("P2I_spatial", out.spatial());
            check("P2I_freq", out.freq());
            check("P2I_freq_mask", out.freqMask());
            check("P2I_spat_mask", out.spatMask());
            check("P2I_factorization", out.factorization());
        }
    }

    @Test
    void hiddenDropoutIsRepeatableFromTheSeedAndDiffersAcrossSeeds() {
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor small = batch.narrow(2, 0, 32).narrow(3, 0, 32);
            model.setGenerator(make_generator_cpu(123));
            Tensor first = model.forward(small).rec();
            model.setGenerator(make_generator_cpu(123));
            Tensor again = model.forward(small).rec();
            model.setGenerator(make_generator_cpu(124));
            Tensor other = model.forward(small).rec();
            assertEquals(0.0, maxAbsDiff(first, again));
            assertTrue(maxAbsDiff(first, other) > 1e-4, "another seed gives another decoder dropout");
        }
    }

    @Test
    void injectedMaskOfTheWrongShapeIsRejected() {
        try (NoGradGuard g = new NoGradGuard()) {
            model.injectDecoderDropoutMask(Tensors.fromFloats(new float[]{1f, 1f}, 1, 2));
            assertThrows(IllegalArgumentException.class, () -> model.forward(batch));
        }
    }

    private void check(String name, Tensor actual) {
        assertClose("E_train_udr18/" + name, f.floats(name), f.shape(name), actual, ATOL, RTOL);
    }
}
