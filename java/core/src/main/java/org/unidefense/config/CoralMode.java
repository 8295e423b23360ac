package org.unidefense.config;

/**
 * {@code config.coral} (a project extension): which matrix "square root" the colour-preserving
 * CORAL of the second pass uses (decisions.md).
 */
public enum CoralMode implements ConfigChoice {
    /** The true symmetric square root: the aligned source gets the target's channel covariance (default). */
    SYMMETRIC("symmetric"),
    /** The reference's U·diag(√S)·Vhᵀ from an SVD: not a square root, sign-convention dependent. */
    REFERENCE("reference");

    private final String key;

    CoralMode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
