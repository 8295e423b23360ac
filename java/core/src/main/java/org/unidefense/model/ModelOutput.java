package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

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
 * @param factorization the bottleneck-normalised embedding [N, D], before the classifier's dropout
 *                      (in training UDEB4's is after it: its dropout is in place,
 *                      {@link UniDefenseNet.Quirks#dropoutInPlace})
 * @param triplet       spatially averaged features for the triplet losses
 */
public record ModelOutput(Tensor clsOut, Tensor rec, Tensor spatial, Tensor freq, Tensor freqMask,
                          Tensor spatMask, Tensor factorization, List<Tensor> triplet) {

    /**
     * The same outputs in float32 (a differentiable cast where a tensor is in bfloat16 or float16,
     * the tensor itself otherwise), so that losses and metrics are computed in float32 after a
     * mixed-precision forward. Absent outputs stay null.
     */
    public ModelOutput toFloat() {
        return new ModelOutput(f(clsOut), f(rec), f(spatial), f(freq), f(freqMask), f(spatMask), f(factorization),
                triplet.stream().map(ModelOutput::f).toList());
    }

    private static Tensor f(Tensor t) {
        if (t == null) {
            return null;
        }
        // the preset's ScalarType values are not singletons: compare their codes
        byte type = t.scalar_type().value;
        return type == ScalarType.BFloat16.value || type == ScalarType.Half.value ? t.to(ScalarType.Float) : t;
    }
}
