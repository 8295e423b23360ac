package org.unidefense.engine;

/**
 * Watches a {@link TrainingLoop}, as DJL's {@code TrainingListener}: the loop only steps, validates
 * every {@code val_steps} and stops on a diverged loss; logging, best-model selection and
 * checkpoints are listeners ({@link LoggingListener}, {@link ValidationListener},
 * {@link CheckpointListener}), and {@link TrainingLoop#addListener} adds one's own.
 *
 * <p>Every event goes to the listeners in the order they were added, the standard ones first:
 * when a listener of one's own sees {@link #onValidation} the best models and {@code latest} of
 * that step are written, and when it sees {@link #onTrainingBatch} the step's log record is.
 * The loop has no epochs, so DJL's {@code onEpoch} has no counterpart; a whole validation is one
 * {@link #onValidation} (DJL: one {@code onValidationBatch} per batch). Callbacks run outside any
 * step's PointerScope, on every rank of a distributed run (so that collectives, such as the mean
 * of logged losses, happen everywhere); what writes files is added on rank 0 only.
 */
public interface TrainingListener {
    /** A call of {@link TrainingLoop#train(long)} begins, at {@link TrainingLoop#stepsDone()}. */
    default void onTrainingBegin(TrainingLoop loop) {
    }

    /** Training step {@code outcome.step()} is done; {@link TrainingLoop#stepsDone()} is that step. */
    default void onTrainingBatch(TrainingLoop loop, StepOutcome outcome) {
    }

    /** The validation of {@code step} is done; {@link TrainingLoop#bestModels()} has not yet seen it
     * when the first listener is called ({@link ValidationListener} offers it to them). */
    default void onValidation(TrainingLoop loop, long step, Evaluation evaluation) {
    }

    /**
     * {@link TrainingLoop#train(long)} ends normally (not when a step diverges or a data stream
     * fails: then nothing more is written, so the last checkpoint stays the last good state).
     */
    default void onTrainingEnd(TrainingLoop loop) {
    }
}
