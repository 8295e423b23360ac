package org.unidefense.train;

/**
 * Looks at the model between the stages of a training step, e.g. to log gradient norms or to
 * check a step against a reference. Called inside the step's PointerScope: tensors taken
 * from the model there must be copied out before returning.
 */
public interface StepObserver {
    StepObserver NONE = new StepObserver() {
    };

    /** Pass-1 gradients are in {@code .grad}; the first update has not happened yet. */
    default void afterFirstBackward() {
    }

    /** The first update is done; the pass-1 gradients are still in {@code .grad}, not yet carried. */
    default void afterFirstUpdate() {
    }

    /** {@code .grad} holds carried pass-1 gradients plus the pass-2 gradients; the second update is next. */
    default void afterSecondBackward() {
    }
}
