package org.unidefense.engine;

/** Training produced a NaN or infinite loss; a runtime failure (exit 4), not a bad input. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
