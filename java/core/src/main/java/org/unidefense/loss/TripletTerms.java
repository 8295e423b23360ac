package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * The parts of one asymmetric weighted triplet evaluation.
 *
 * @param distances pairwise distances [N,N] of the (possibly normalised) features
 * @param weightedPositive per real anchor, the softmax(d)-weighted mean distance to the other real rows
 * @param weightedNegative per real anchor, the softmax(−d)-weighted mean distance to the fake rows
 * @param loss soft-margin loss of {@code weightedNegative − weightedPositive} against +1
 */
public record TripletTerms(Tensor distances, Tensor weightedPositive, Tensor weightedNegative, Tensor loss) {
}
