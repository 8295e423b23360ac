package org.unidefense.train;

import org.unidefense.config.ModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.perturb.PerturbationPolicy;
import org.unidefense.perturb.PerturbationRandom;
import org.unidefense.perturb.StyleAlignment;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.config.SchedulerSpec;
import org.unidefense.loss.LossWeights;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.StateDictLoader;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The recorded training step of fixture E_train_udr18 (README §4E): its model at the initial
 * weights, its optimizer, and its scripted randomness (UDG1 decoder-dropout masks, the two
 * permutations, the branch and kind draws, the stored λ draws and the stored post-CORAL style).
 */
final class ReferenceStep {
    static final Fixture FX = Fixture.of("E_train_udr18");
    static final long REAL_COUNT = 4;

    private ReferenceStep() {
    }

    static Tensor array(String name) {
        return Tensors.fromFloats(FX.floats(name), FX.shape(name));
    }

    static Tensor labels() {
        return Tensors.fromLongs(FX.longs("labels"), FX.shape("labels"));
    }

    static LossWeights weights() {
        JsonNode l = FX.meta().get("config_lambdas");
        return new LossWeights(l.get("lambda_mask").asDouble(), l.get("lambda_triplet").asDouble(),
                l.get("lambda_recons").asDouble(), l.get("lambda_freq").asDouble(), l.get("lambda_fac").asDouble());
    }

    static long totalSteps() {
        return FX.meta().get("num_steps").asLong();
    }

    /** UDR18 with drop_rate 0 at the fixture's initial weights, in train mode. */
    static UniDefenseModel initialModel() {
        UniDefenseModel model = ModelRegistry.create(ModelConfig.defaults("udr18").withDropRate(0.0));
        Map<String, Tensor> initial = new LinkedHashMap<>();
        for (Map.Entry<String, FixtureTensor> e : FX.stateDict("initial").entrySet()) {
            initial.put(e.getKey(), e.getValue().toTensor());
        }
        StateDictLoader.load(model, initial, "E_train_udr18 initial");
        model.train(true);
        return model;
    }

    /** AdamW(param_groups_weight_decay(model, 5e-5), lr=1e-4, betas=(0.9,0.999), amsgrad=True). */
    static GroupedOptimizer optimizer(UniDefenseModel model) {
        OptimizerSpec spec = new OptimizerSpec("adamw", 5e-5, 1e-4, Map.of("betas", List.of(0.9, 0.999),
                "amsgrad", true));
        return OptimizerFactory.create(spec, ParamGroups.weightDecaySplit(model, spec.weightDecay()));
    }

    static TwoPassStep step(UniDefenseModel model, GroupedOptimizer optimizer, double carry) {
        LearningRatePlan plan = new LearningRatePlan(optimizer,
                LrSchedulers.create(SchedulerSpec.constant(), optimizer), 1e-4, 0);
        TwoPassStep step = new TwoPassStep(model, optimizer, plan, weights(), totalSteps(), carry, policy(),
                new RecordedDraws());
        step.setDecoderMasks(pass -> decoderMask("dropout_pass" + pass));
        return step;
    }

    /** The perturbation policy with the stored CORAL result (LAPACK-sign dependent, README §5). */
    static PerturbationPolicy policy() {
        return policy(ScalarType.Float);
    }

    static PerturbationPolicy policy(ScalarType dtype) {
        StyleAlignment stored = (source, target) -> array("pass2_style_post_coral").to(dtype);
        return new PerturbationPolicy(stored);
    }

    /** The scripted F.dropout mask (see {@link org.unidefense.testing.Fixture#scriptedDropoutMask}). */
    static Tensor decoderMask(String name) {
        return FX.scriptedDropoutMask(name);
    }

    /** README §4E steps 3–7, in the order the reference draws them. */
    static final class RecordedDraws implements PerturbationRandom {
        private final ScalarType dtype;
        private int permutations;

        RecordedDraws() {
            this(ScalarType.Float);
        }

        /** @param dtype the floating type of the drawn tensors (the λ draws) */
        RecordedDraws(ScalarType dtype) {
            this.dtype = dtype;
        }

        @Override
        public Tensor permutation(long n) {
            assertEquals(4, n);
            String name = permutations++ == 0 ? "pass2_perm_real" : "pass2_perm_fake";
            return Tensors.fromLongs(FX.longs(name), 4);
        }

        @Override
        public double uniform() {
            assertEquals(2, permutations, "the branch is drawn after both permutations");
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
            return array("pass2_lambda_rand").to(dtype);
        }

        @Override
        public Tensor normal(double std, long... shape) {
            throw new AssertionError("no noise in the style branch");
        }
    }
}
