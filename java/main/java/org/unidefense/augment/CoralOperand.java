package org.unidefense.augment;

/** Which of the two CORAL inputs a covariance matrix belongs to. */
public enum CoralOperand {
    /** The image being re-coloured. */
    SOURCE,
    /** The image whose colour statistics are imposed. */
    TARGET
}
