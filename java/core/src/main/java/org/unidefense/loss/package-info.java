/**
 * The UniDefense training losses on libtorch tensors, all differentiable: the asymmetric
 * weighted triplet loss, the factorization (cross-correlation) loss, the attention-mask terms,
 * the reconstruction errors, cross-entropy, and the weighting of both passes of a training step.
 */
package org.unidefense.loss;
