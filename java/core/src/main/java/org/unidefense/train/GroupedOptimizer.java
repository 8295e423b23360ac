package org.unidefense.train;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerParamGroupVector;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * A libtorch optimizer together with the named parameter groups it was built from, in the same
 * order. The learning rate of each group is driven from outside (warm-up and schedules), as the
 * reference writes {@code param_group['lr']}; libtorch's own schedulers are not used.
 */
public final class GroupedOptimizer implements LearningRateGroups {
    private final Optimizer optimizer;
    private final String name;
    private final List<ParamGroup> groups;
    private final double[] initialLearningRates;

    GroupedOptimizer(Optimizer optimizer, String name, List<ParamGroup> groups) {
        this.optimizer = optimizer;
        this.name = name;
        this.groups = List.copyOf(groups);
        if (optimizer.param_groups().size() != groups.size()) {
            throw new IllegalStateException("optimizer has " + optimizer.param_groups().size() + " groups, expected "
                    + groups.size());
        }
        this.initialLearningRates = learningRates();
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The reference's optimizer name (adamw, sgd, ...). */
    public String name() {
        return name;
    }

    public List<ParamGroup> groups() {
        return groups;
    }

    /** The learning rate of every group when the optimizer was built (Python's {@code initial_lr}). */
    public double[] initialLearningRates() {
        return initialLearningRates.clone();
    }

    @Override
    public double[] learningRates() {
        OptimizerParamGroupVector v = optimizer.param_groups();
        double[] out = new double[(int) v.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = v.get(g).options().get_lr();
        }
        return out;
    }

    public void setLearningRate(int group, double lr) {
        optimizer.param_groups().get(group).options().set_lr(lr);
    }

    @Override
    public void setLearningRates(double[] lrs) {
        for (int g = 0; g < lrs.length; g++) {
            setLearningRate(g, lrs[g]);
        }
    }

    public void step() {
        optimizer.step();
    }

    /**
     * Zeroes the gradients in place, as the reference's torch 1.13 {@code zero_grad()} does
     * (not None): a parameter that received a gradient once keeps being updated (weight decay,
     * momentum) even in a step where no loss reaches it.
     */
    public void zeroGrad() {
        optimizer.zero_grad(false);
    }

    /** Multiplies every existing gradient in place (the reference's in-place GradScaler unscale). */
    public void scaleGradients(double factor) {
        if (factor == 1.0) {
            return;
        }
        try (NoGradGuard ignored = new NoGradGuard()) {
            Scalar f = new Scalar(factor);
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    Tensor g = p.grad();
                    if (g != null && g.defined()) {
                        g.mul_(f);
                    }
                }
            }
        }
    }
}
