package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * Everything a UniDefense forward pass returns (the reference's {@code out} dict and its
 * {@code loss_dict}).
 *
 * @param clsOut        class logits [N, num_classes]
 * @param rec           reconstruction resized to the input size [N, 3, H, W]
 * @param spatial       per-sample mean |rec - x| [N]
 * @param freq          per-sample mean spectral distance of rec and x [N]
 * @param freqMask      the attention's frequency mask [N, 1, h, w/2+1]
 * @param spatMask      the attention's spatial mask [N, 1, h, w]
 * @param factorization the bottleneck-normalised embedding before the classifier's dropout [N, D]
 * @param triplet       spatially averaged features for the triplet losses
 */
public record ModelOutput(Tensor clsOut, Tensor rec, Tensor spatial, Tensor freq, Tensor freqMask,
                          Tensor spatMask, Tensor factorization, List<Tensor> triplet) {
}
