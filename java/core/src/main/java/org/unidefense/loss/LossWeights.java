package org.unidefense.loss;

/**
 * The {@code lambda_*} weights of the training objective (config keys lambda_mask,
 * lambda_triplet, lambda_recons, lambda_freq, lambda_fac; each defaults to 1).
 */
public record LossWeights(double mask, double triplet, double recons, double freq, double factorization) {
    public static final LossWeights DEFAULT = new LossWeights(1, 1, 1, 1, 1);
}
