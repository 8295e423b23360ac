package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.loss.RecceLoss;
import org.unidefense.model.recce.Recce;
import org.unidefense.model.recce.RecceOutput;
import org.unidefense.tensor.Tensors;

/**
 * One step of RECCE's trainer ({@code trainer/exp_mgpu_trainer.py}): gradients cleared, warm-up,
 * one train-mode forward (white noise, dropout), {@link RecceLoss}, backward, one optimizer update,
 * then the schedule. Losses are reported without a pass prefix ({@code total_loss},
 * {@code cls_loss}, {@code recons_loss}, {@code contra_loss}, ...).
 *
 * <p>Not reproduced: the reference trainer calls {@code optimizer.step()} once more at the start
 * of every epoch with the previous epoch's last gradients still in {@code .grad} (decisions.md);
 * here every update follows its own backward. The reference trains under fp16 autocast with a
 * GradScaler on GPUs; this step runs in the model's dtype (float32 on the CPU), which is what
 * Adam sees after the scaler's unscale.
 */
public final class RecceStep implements TrainingStep {
    private final Recce model;
    private final GroupedOptimizer optimizer;
    private final LearningRatePlan lrPlan;
    private final RecceLoss loss;
    private StepObserver observer = StepObserver.NONE;

    public Recce model() {
        return model;
    }

    public RecceStep(Recce model, GroupedOptimizer optimizer, LearningRatePlan lrPlan, RecceLoss loss) {
        this.model = model;
        this.optimizer = optimizer;
        this.lrPlan = lrPlan;
        this.loss = loss;
    }

    /** Called after the backward (gradients in place, parameters not yet updated) and after the update. */
    @Override
    public void setObserver(StepObserver observer) {
        this.observer = observer == null ? StepObserver.NONE : observer;
    }

    @Override
    public StepResult run(Tensor x, Tensor labels, long realCount, long step) {
        try (PointerScope scope = new PointerScope()) {
            model.train(true);
            optimizer.zeroGrad();
            lrPlan.beforeStep(step);
            double lr = optimizer.learningRates()[0];
            RecceOutput out = model.run(x);
            RecceLoss.Terms terms = loss.loss(out, x, labels);
            terms.total().backward();
            observer.afterFirstBackward();
            optimizer.step();
            observer.afterFirstUpdate();
            lrPlan.afterStep(step);
            return new StepResult(step, lr, terms.doubles(""), null, Tensors.toFloats(out.logits()),
                    (int) out.logits().size(1));
        }
    }
}
