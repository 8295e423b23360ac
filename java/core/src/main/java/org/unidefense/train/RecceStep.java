package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.config.Precision;
import org.unidefense.loss.RecceLoss;
import org.unidefense.model.recce.Recce;
import org.unidefense.model.recce.RecceOutput;
import org.unidefense.tensor.Autocast;
import org.unidefense.tensor.Placement;
import org.unidefense.tensor.Tensors;

/**
 * One step of RECCE's trainer ({@code trainer/exp_mgpu_trainer.py}): gradients cleared, warm-up,
 * one train-mode forward (white noise, dropout), {@link RecceLoss}, backward, one optimizer update,
 * then the schedule. Losses are reported without a pass prefix ({@code total_loss},
 * {@code cls_loss}, {@code recons_loss}, {@code contra_loss}, ...).
 *
 * <p>Not reproduced: the reference trainer calls {@code optimizer.step()} once more at the start
 * of every epoch with the previous epoch's last gradients still in {@code .grad} (decisions.md);
 * here every update follows its own backward.
 *
 * <p>Precision follows the model's ({@code config.precision}): fp32, the parity default, runs in
 * the model's dtype. bf16 and fp16 run the forward under {@link Autocast}, as RECCE's
 * {@code with autocast():} block, and hand its outputs to the loss in float32. fp16 also scales
 * the loss with a {@link GradScaler} (RECCE's {@code GradScaler(2**10)}, set by
 * {@link RecceTraining}): the update is made on the unscaled gradients, or skipped when one of
 * them is not finite. The observer's {@code afterFirstBackward} then sees the scaled gradients.
 */
public final class RecceStep extends ObservedScaledStep {
    private final Recce model;
    private final GroupedOptimizer optimizer;
    private final LearningRatePlan lrPlan;
    private final RecceLoss loss;

    public Recce model() {
        return model;
    }

    public RecceStep(Recce model, GroupedOptimizer optimizer, LearningRatePlan lrPlan, RecceLoss loss) {
        this.model = model;
        this.optimizer = optimizer;
        this.lrPlan = lrPlan;
        this.loss = loss;
    }

    @Override
    public StepResult run(Tensor x, Tensor labels, long realCount, long step) {
        try (PointerScope scope = new PointerScope()) {
            model.train(true);
            optimizer.zeroGrad();
            lrPlan.beforeStep(step);
            double lr = optimizer.learningRates()[0];
            RecceOutput out = forward(x);
            RecceLoss.Terms terms = loss.loss(out, x, labels);
            scaler.scale(terms.total()).backward();
            observer.afterFirstBackward();
            // RECCE's trainer steps the schedule whether or not the scaler skipped the update.
            scaler.step(optimizer);
            observer.afterFirstUpdate();
            lrPlan.afterStep(step);
            return new StepResult(step, lr, terms.doubles(""), null, Tensors.toFloats(out.logits()),
                    (int) out.logits().size(1));
        }
    }

    /** The train forward in the model's precision; with autocast, every output back in float32 for the loss. */
    private RecceOutput forward(Tensor x) {
        Precision precision = model.precision();
        if (precision == Precision.FP32) {
            return model.run(x);
        }
        RecceOutput out;
        try (Autocast ignored = Autocast.enter(precision, Placement.deviceOf(model).type())) {
            out = model.run(x);
        }
        return new RecceOutput(out.logits().to(ScalarType.Float), out.recons().to(ScalarType.Float),
                out.contra().stream().map(c -> c.to(ScalarType.Float)).toList());
    }
}
