package org.unidefense.train;

import org.bytedeco.pytorch.Tensor;

/**
 * One optimizer step of a detector's training on one batch, as the engine runs it: UniDefense's
 * two-pass step ({@link TwoPassStep}) or RECCE's single pass ({@link RecceStep}). The step owns
 * its forward, losses, backward, update and learning-rate schedule, and frees its tensors when it
 * returns.
 */
public interface TrainingStep {
    /**
     * Runs training step {@code step} (counted from 1).
     *
     * @param x         batch [N,3,H,W] with its {@code realCount} real samples first
     * @param labels    int64 [N], 0 = real
     * @param realCount number of real samples at the front of the batch
     */
    StepResult run(Tensor x, Tensor labels, long realCount, long step);

    /** Looks at the model after each backward and update (e.g. data-parallel gradient averaging). */
    void setObserver(StepObserver observer);
}
