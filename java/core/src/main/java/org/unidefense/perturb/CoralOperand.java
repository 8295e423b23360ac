package org.unidefense.perturb;

/** Which of the two CORAL inputs a covariance matrix belongs to. */
public enum CoralOperand {
    /** The image being re-coloured. */
    SOURCE,
    /** The image whose colour statistics are imposed. */
    TARGET
}
