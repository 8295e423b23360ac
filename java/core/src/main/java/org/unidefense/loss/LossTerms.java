package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * The scalar loss terms of one pass of a training step.
 *
 * @param classification cross-entropy of the class logits
 * @param frequencyMask mask mean (pass 1, early pass 2) or KL mask consistency (later pass 2)
 * @param spatialMask the same for the spatial mask
 * @param triplet sum of the triplet losses over the feature levels
 * @param realReconstruction spatial reconstruction error averaged over the real samples
 * @param realFrequency spectral reconstruction error averaged over the real samples
 * @param factorization factorization loss against the pass-1 embedding; unused in pass 1
 */
public record LossTerms(Tensor classification, Tensor frequencyMask, Tensor spatialMask, Tensor triplet,
                        Tensor realReconstruction, Tensor realFrequency, Tensor factorization) {
}
