package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * What a RECCE forward returns: the logits and the reference's {@code loss_inputs}.
 *
 * @param logits  [B, num_classes]; with one class the fake logit, P(fake) = sigmoid. Always 2-D,
 *                also for B = 1 (the reference's squeeze gives [1] there)
 * @param recons  the reconstruction, bilinearly (align_corners) resized to the input size
 * @param contra  the three correlation matrices [B,B] of block4, decoder2 and decoder4 features
 */
public record RecceOutput(Tensor logits, Tensor recons, List<Tensor> contra) {
}
