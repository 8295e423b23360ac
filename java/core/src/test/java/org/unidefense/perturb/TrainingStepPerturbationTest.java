package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.unidefense.testing.PointerScopePerTest;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pass-2 perturbation of the reference training step (E_train_udr18, README §4E steps 3–7). */
@ExtendWith(PointerScopePerTest.class)
class TrainingStepPerturbationTest {
    private final Fixture fx = Fixture.of("E_train_udr18");
    @Test
    void frequencyTransferOfTheStoredCoralStyleGivesTheModelInput() {
        Tensor out = new FrequencyStyleTransfer().apply(fx.tensor("batch"), fx.tensor("pass2_style_post_coral"), fx.tensor("pass2_lambda_rand"));
        assertArrayEquals(fx.floats("pass2_noise_x"), Tensors.toFloats(out), 1e-5f);
    }

    /**
     * The whole policy with the recorded draws. The reference's CORAL depends on LAPACK's sign
     * choices, so the stored post-CORAL style is injected; the injected alignment checks that
     * it is asked to re-colour exactly the permuted batch (real with real, fake with fake) to
     * the clean batch, as the reference does.
     */
    @Test
    void policyWithRecordedDrawsRebuildsTheModelInput() {
        Tensor x = fx.tensor("batch");
        Tensor realPerm = Tensors.fromLongs(fx.longs("pass2_perm_real"), 4);
        Tensor fakePerm = Tensors.fromLongs(fx.longs("pass2_perm_fake"), 4);
        long[] real = fx.longs("pass2_perm_real");
        long[] fake = fx.longs("pass2_perm_fake");
        float[] batch = fx.floats("batch");
        int perSample = batch.length / 8;
        float[] partners = new float[batch.length];
        for (int i = 0; i < 8; i++) {
            int from = (int) (i < 4 ? real[i] : 4 + fake[i - 4]);
            System.arraycopy(batch, from * perSample, partners, i * perSample, perSample);
        }
        StyleAlignment stored = (source, target) -> {
            assertArrayEquals(partners, Tensors.toFloats(source), 0f, "style partners");
            assertArrayEquals(batch, Tensors.toFloats(target), 0f, "alignment target");
            return fx.tensor("pass2_style_post_coral");
        };
        Perturbed p = new PerturbationPolicy(stored).perturb(x, realPerm, fakePerm, new RecordedDraws());
        assertEquals(PerturbationKind.FREQUENCY_STYLE, p.record().kind());
        assertEquals(0.75, p.record().branchDraw());
        assertArrayEquals(fx.floats("pass2_noise_x"), Tensors.toFloats(p.input()), 1e-5f);
    }

    /** README §4E: rand(1) = 0.75, randint(0,2) = 0, then the stored λ draws. */
    private final class RecordedDraws implements PerturbationRandom {
        @Override
        public Tensor permutation(long n) {
            throw new AssertionError("permutations are given");
        }

        @Override
        public double uniform() {
            return 0.75;
        }

        @Override
        public long integer(long bound) {
            assertEquals(2, bound);
            return 0;
        }

        @Override
        public Tensor uniform(long... shape) {
            assertArrayEquals(new long[]{8, 1, 1, 1}, shape);
            return fx.tensor("pass2_lambda_rand");
        }

        @Override
        public Tensor normal(double std, long... shape) {
            throw new AssertionError("no noise in the style branch");
        }
    }
}
