package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;

/**
 * A UDEB4 forward pass with its intermediate maps, named like the reference's local variables.
 *
 * @param output           the model output
 * @param xB2              output of block group 2 (B4: [N, 56, H/8, W/8])
 * @param xB3              output of block group 3
 * @param xB4              output of block group 4, the decoder's input
 * @param xB5              output of block group 5, the attention's embedding
 * @param attentionOut     the attention's refined embedding, input of group 6
 * @param xB6              output of block group 6, input of the head
 * @param decoderOutRaw    the decoder's image before resizing to the input size
 */
public record Udeb4Trace(ModelOutput output, Tensor xB2, Tensor xB3, Tensor xB4, Tensor xB5,
                         Tensor attentionOut, Tensor xB6, Tensor decoderOutRaw) {
}
