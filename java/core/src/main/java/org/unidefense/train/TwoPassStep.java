package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.perturb.PerturbationPolicy;
import org.unidefense.perturb.PerturbationRandom;
import org.unidefense.perturb.Perturbed;
import org.unidefense.loss.LossWeights;
import org.unidefense.loss.TwoPassObjective;
import org.unidefense.model.ModelOutput;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Placement;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of the reference's {@code train_unidefense_model}: two forward/backward passes with
 * an optimizer update after each.
 *
 * <ol>
 * <li>Gradients are cleared and warm-up sets the learning rate (the reference's loop does both
 * at the top of each step).</li>
 * <li>Pass 1 on the clean batch, backward, first update.</li>
 * <li>The pass-1 gradients are <em>not</em> cleared: they stay in {@code .grad}, multiplied by
 * {@code pass1GradCarry} (decisions.md 2: 1/1024 is what the reference's GradScaler(2¹⁰)
 * leaves after unscaling in place; 1.0 is the reference without a scaler).</li>
 * <li>Pass 2 on the perturbed batch (targets: the detached pass-1 masks and embedding),
 * backward (adding to the carried gradients), second update, then the schedule steps.</li>
 * </ol>
 *
 * <p>The model and optimizer live outside; all tensors of a step are freed with the step's
 * PointerScope, and those of pass 1 already when pass 1 ends (its own scope), so that pass 2
 * does not run on top of pass 1's activations. Every random draw (decoder dropout, perturbation) comes from the generator the
 * model and {@code random} were given, so one seed repeats a run (decisions.md 3).
 *
 * <p>Loss scaling ({@code precision: fp16}, {@link #setGradScaler}): each loss is scaled before its
 * backward and each update unscales, checks and may skip (as the reference's two
 * {@code grad_scalar.step} calls); the pass-1 gradient is re-scaled before pass 2's backward adds
 * to it, so that the second update still sees {@code pass1GradCarry} × g₁.
 */
public final class TwoPassStep extends ObservedScaledStep {
    private final UniDefenseModel model;
    private final GroupedOptimizer optimizer;
    private final LearningRatePlan lrPlan;
    private final LossWeights weights;
    private final long totalSteps;
    private final double pass1GradCarry;
    private final PerturbationPolicy policy;
    private final PerturbationRandom random;
    private DecoderMaskSource decoderMasks = DecoderMaskSource.DRAWN;

    /**
     * @param totalSteps     the run's {@code num_steps}; pass 2 switches to KL mask consistency after 10 %
     * @param pass1GradCarry factor on the pass-1 gradient at the second update (config {@code pass1_grad_carry})
     */
    public TwoPassStep(UniDefenseModel model, GroupedOptimizer optimizer, LearningRatePlan lrPlan, LossWeights weights,
                       long totalSteps, double pass1GradCarry, PerturbationPolicy policy, PerturbationRandom random) {
        if (pass1GradCarry < 0 || Double.isNaN(pass1GradCarry)) {
            throw new IllegalArgumentException("pass-1 gradient carry must be 0 or more, got " + pass1GradCarry);
        }
        this.model = model;
        this.optimizer = optimizer;
        this.lrPlan = lrPlan;
        this.weights = weights;
        this.totalSteps = totalSteps;
        this.pass1GradCarry = pass1GradCarry;
        this.policy = policy;
        this.random = random;
    }

    public void setDecoderMasks(DecoderMaskSource masks) {
        this.decoderMasks = masks == null ? DecoderMaskSource.DRAWN : masks;
    }

    /**
     * Runs training step {@code step} (counted from 1).
     *
     * @param x         batch [N,3,H,W] with its {@code realCount} real samples first (any device)
     * @param labels    int64 [N], 0 = real
     * @param realCount number of real samples at the front of the batch
     */
    @Override
    public StepResult run(Tensor x, Tensor labels, long realCount, long step) {
        try (PointerScope stepScope = new PointerScope()) {
            // The batch goes to the model's device (a no-op on the CPU); everything else the step
            // creates follows from these two and the model's parameters.
            Device device = Placement.deviceOf(model);
            x = Placement.toDevice(x, device);
            labels = Placement.toDevice(labels, device);
            model.train(true);
            optimizer.zeroGrad();
            lrPlan.beforeStep(step);
            double lr = optimizer.learningRates()[0];

            Map<String, Double> losses = new LinkedHashMap<>();
            float[] logits;
            int classes;
            PassTargets targets;
            // Pass 1 runs in its own scope: once its backward is done, nothing of its forward
            // (activations held by Java handles) stays alive during pass 2, except the targets.
            try (PointerScope pass1 = new PointerScope()) {
                injectMask(1);
                Trace.begin("pass1.forward"); // Trace: phase spans for 'unidefense profile', no-ops otherwise
                ModelOutput clean = model.forward(x);
                Trace.end();
                Trace.begin("pass1.loss");
                PassLosses first = PassLosses.firstPass(clean, labels, realCount, weights);
                Trace.end();
                Trace.begin("pass1.backward");
                scaler.scale(first.total()).backward();
                Trace.end();
                observer.afterFirstBackward();
                Trace.begin("pass1.optimizer");
                scaler.step(optimizer);
                Trace.end();
                observer.afterFirstUpdate();
                optimizer.scaleGradients(pass1GradCarry * scaler.scale());
                targets = PassTargets.of(clean).attachTo(stepScope);
                losses.putAll(first.values("pass1."));
                logits = Tensors.toFloats(clean.clsOut());
                classes = (int) clean.clsOut().size(1);
            }

            Trace.begin("pass2.perturb");
            Perturbed perturbed = policy.perturb(x, realCount, random);
            Trace.end();
            injectMask(2);
            Trace.begin("pass2.forward");
            ModelOutput noisy = model.forward(x, perturbed.input());
            Trace.end();
            Trace.begin("pass2.loss");
            boolean consistency = TwoPassObjective.usesMaskConsistency(step, totalSteps);
            PassLosses second = PassLosses.secondPass(noisy, labels, realCount, weights, targets, consistency);
            Trace.end();
            Trace.begin("pass2.backward");
            scaler.scale(second.total()).backward();
            Trace.end();
            observer.afterSecondBackward();
            Trace.begin("pass2.optimizer");
            scaler.step(optimizer);
            Trace.end();
            lrPlan.afterStep(step);

            losses.putAll(second.values("pass2."));
            return new StepResult(step, lr, losses, perturbed.record().kind(), logits, classes);
        }
    }

    private void injectMask(int pass) {
        Tensor mask = decoderMasks.mask(pass);
        if (mask != null) {
            model.injectDecoderDropoutMask(mask);
        }
    }
}
