package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Optimizer updates against PyTorch's update rules worked out by hand, and the parameter split. */
class OptimizerFactoryTest {
    /** A module with one decayed [1,2] weight and one 1-D bias. */
    private static final class Tiny extends Module {
        final Tensor weight;
        final Tensor bias;

        Tiny(double w0, double w1, double b) {
            super("Tiny");
            weight = new Tensor(register_parameter("weight", Tensors.fromFloats(new float[]{(float) w0, (float) w1}, 1, 2)
                    .to(org.bytedeco.pytorch.global.torch.ScalarType.Double)));
            bias = new Tensor(register_parameter("bias", Tensors.fromFloats(new float[]{(float) b}, 1)
                    .to(org.bytedeco.pytorch.global.torch.ScalarType.Double)));
        }
    }

    /** Sets .grad to the given values by back-propagating a linear function. */
    private static void gradients(GroupedOptimizer opt, Tiny m, double gw0, double gw1, double gb) {
        opt.zeroGrad();
        Tensor c = Tensors.fromFloats(new float[]{(float) gw0, (float) gw1}, 1, 2).to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
        Tensor d = Tensors.fromFloats(new float[]{(float) gb}, 1).to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
        m.weight.mul(c).sum().add(m.bias.mul(d).sum()).backward();
    }

    private static double[] values(Tensor t) {
        Tensor c = t.detach().contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }

    /** PyTorch's AdamW, one scalar element, steps t = 1..n with gradients g. */
    private static double adamW(double p, double[] g, double lr, double b1, double b2, double eps, double wd,
                                boolean amsgrad) {
        double m = 0;
        double v = 0;
        double vMax = 0;
        for (int t = 1; t <= g.length; t++) {
            p *= 1 - lr * wd;
            m = b1 * m + (1 - b1) * g[t - 1];
            v = b2 * v + (1 - b2) * g[t - 1] * g[t - 1];
            vMax = Math.max(vMax, v);
            double denom = Math.sqrt(amsgrad ? vMax : v) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
            p -= lr / (1 - Math.pow(b1, t)) * m / denom;
        }
        return p;
    }

    @Test
    void adamWTakesBeta1ForTheFirstMomentAndDecaysOnlyTheWeightGroup() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny(0.5, -1.0, 0.25);
            OptimizerSpec spec = new OptimizerSpec("adamw", 0.1, 0.01, Map.of("betas", List.of(0.5, 0.9), "eps", 1e-3));
            GroupedOptimizer opt = OptimizerFactory.create(spec, ParamGroups.weightDecaySplit(m, 0.1));
            double[][] g = {{1.0, -2.0, 0.5}, {-0.25, 1.0, 3.0}, {0.5, 0.5, -1.0}};
            for (double[] step : g) {
                gradients(opt, m, step[0], step[1], step[2]);
                opt.step();
            }
            double[] w = values(m.weight);
            assertEquals(adamW(0.5, new double[]{1.0, -0.25, 0.5}, 0.01, 0.5, 0.9, 1e-3, 0.1, false), w[0], 1e-12);
            assertEquals(adamW(-1.0, new double[]{-2.0, 1.0, 0.5}, 0.01, 0.5, 0.9, 1e-3, 0.1, false), w[1], 1e-12);
            assertEquals(adamW(0.25, new double[]{0.5, 3.0, -1.0}, 0.01, 0.5, 0.9, 1e-3, 0.0, false), values(m.bias)[0],
                    1e-12);
            // The swapped betas would give a visibly different weight: the test can tell them apart.
            assertTrue(Math.abs(adamW(0.5, new double[]{1.0, -0.25, 0.5}, 0.01, 0.9, 0.5, 1e-3, 0.1, false) - w[0]) > 1e-4);
        }
    }

    @Test
    void amsgradKeepsTheLargestSecondMoment() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny(0.5, -1.0, 0.25);
            OptimizerSpec spec = new OptimizerSpec("adamw", 0.0, 0.1, Map.of("amsgrad", true,
                    "betas", List.of(0.9, 0.5))); // a fast-forgetting second moment, so the maximum matters
            GroupedOptimizer opt = OptimizerFactory.create(spec, ParamGroups.weightDecaySplit(m, 0.0));
            double[] g = {2.0, 1.0 / 128, 1.0 / 128}; // exact in float32, as the gradients pass through it
            for (double gi : g) {
                gradients(opt, m, gi, 0, 0);
                opt.step();
            }
            double expected = adamW(0.5, g, 0.1, 0.9, 0.5, 1e-8, 0.0, true);
            assertEquals(expected, values(m.weight)[0], 1e-12);
            assertTrue(Math.abs(adamW(0.5, g, 0.1, 0.9, 0.5, 1e-8, 0.0, false) - expected) > 1e-4);
        }
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecay() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny(1.0, 0.0, 0.0);
            OptimizerSpec spec = new OptimizerSpec("sgd", 0.1, 0.5, Map.of("momentum", 0.9, "nesterov", true));
            GroupedOptimizer opt = OptimizerFactory.create(spec, ParamGroups.weightDecaySplit(m, 0.1));
            double p = 1.0;
            double buf = 0;
            double[] g = {1.0, -0.5, 2.0};
            for (int t = 0; t < g.length; t++) {
                gradients(opt, m, g[t], 0, 0);
                opt.step();
                double d = g[t] + 0.1 * p;
                buf = t == 0 ? d : 0.9 * buf + d;
                p -= 0.5 * (d + 0.9 * buf);
            }
            assertEquals(p, values(m.weight)[0], 1e-12);
        }
    }

    @Test
    void learningRatesAreSetPerGroupAndUsedByTheNextStep() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny(1.0, 0.0, 1.0);
            GroupedOptimizer opt = OptimizerFactory.create(new OptimizerSpec("sgd", 0.0, 0.5, Map.of()),
                    ParamGroups.weightDecaySplit(m, 0.0));
            assertArrayEquals(new double[]{0.5, 0.5}, opt.learningRates(), 0.0);
            opt.setLearningRates(new double[]{0.25, 0.125});
            gradients(opt, m, 1.0, 0, 1.0);
            opt.step();
            assertEquals(1.0 - 0.125, values(m.weight)[0], 1e-15, "group 1 (decay) holds the weight");
            assertEquals(1.0 - 0.25, values(m.bias)[0], 1e-15, "group 0 (no decay) holds the bias");
            assertArrayEquals(new double[]{0.5, 0.5}, opt.initialLearningRates(), 0.0);
        }
    }

    @Test
    void carryScalesTheGradientsInPlace() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny(1.0, 0.0, 1.0);
            GroupedOptimizer opt = OptimizerFactory.create(new OptimizerSpec("sgd", 0.0, 0.5, Map.of()),
                    ParamGroups.weightDecaySplit(m, 0.0));
            gradients(opt, m, 2048, 1024, -512);
            opt.scaleGradients(1.0 / 1024);
            assertArrayEquals(new double[]{2, 1}, values(m.weight.grad()), 0.0);
            assertArrayEquals(new double[]{-0.5}, values(m.bias.grad()), 0.0);
        }
    }

    @Test
    void unsupportedChoicesAreRejectedWithTheKey() {
        Tiny m = new Tiny(1.0, 0.0, 1.0);
        List<ParamGroup> groups = ParamGroups.weightDecaySplit(m, 0.0);
        UserInputException e = assertThrows(UserInputException.class,
                () -> OptimizerFactory.create(new OptimizerSpec("adadelta", 0.0, 1.0, Map.of()), groups));
        assertTrue(e.getMessage().contains("adadelta"), e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> OptimizerFactory.create(new OptimizerSpec("sgd", 0.0, 1.0, Map.of("nesterov", true)), groups));
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> OptimizerFactory.create(new OptimizerSpec("adam", 0.0, 1.0, Map.of("maximize", true)), groups));
        assertTrue(e.getMessage().contains("maximize"), e.getMessage());
    }

    /** timm's split on UDR18: the fixture's 1-D gradient list and ≥2-D sample plan are the two groups. */
    @Test
    void udr18SplitMatchesTheReferenceGroups() {
        UniDefenseModel model = ModelRegistry.create("udr18");
        List<ParamGroup> groups = ParamGroups.weightDecaySplit(model, 5e-5);
        assertEquals(ParamGroups.NO_DECAY, groups.get(0).label());
        assertEquals(0.0, groups.get(0).weightDecay());
        assertEquals(5e-5, groups.get(1).weightDecay());
        assertEquals(new ArrayList<>(ReferenceStep.FX.stateDict("grad_pass1_small").keySet()), groups.get(0).names());
        List<String> planned = new ArrayList<>();
        ReferenceStep.FX.meta().get("sample_plan").forEach(p -> planned.add(p.get("key").asText()));
        assertEquals(planned, groups.get(1).names());
        assertFalse(groups.get(0).names().contains("bottleneck.bias"), "frozen");
        assertTrue(groups.get(0).names().contains("fuse_coef"), "0-d");
        assertTrue(groups.get(0).names().contains("extractor.layer2.0.conv2.sf_coef"), "1-d");
        long trainable = groups.get(0).params().stream().mapToLong(Tensor::numel).sum()
                + groups.get(1).params().stream().mapToLong(Tensor::numel).sum();
        assertEquals(model.parameterCount().trainable(), trainable);

        GroupedOptimizer opt = ReferenceStep.optimizer(model);
        AdamWOptions decayed = new AdamWOptions(opt.optimizer().param_groups().get(1).options());
        assertEquals(5e-5, decayed.weight_decay().get(), 0.0);
        assertEquals(0.0, new AdamWOptions(opt.optimizer().param_groups().get(0).options()).weight_decay().get(), 0.0);
        assertTrue(decayed.amsgrad().get());
        assertEquals(0.999, decayed.betas().get(0), 0.0, "the preset keeps beta2 first");
        assertEquals(0.9, decayed.betas().get(1), 0.0);
    }
}
