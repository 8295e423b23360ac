package org.unidefense.loss;

import org.bytedeco.pytorch.KLDivLossOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.kBatchMean;

import static org.bytedeco.pytorch.global.torch.kl_div;
import static org.bytedeco.pytorch.global.torch.log_softmax;

/**
 * The two attention-mask terms of a training step.
 *
 * <p>Pass 1 (and pass 2 during the first tenth of training) pushes masks towards sparsity with
 * their plain mean. Afterwards pass 2 keeps each perturbed mask consistent with the clean
 * pass-1 mask by a KL divergence between the flattened masks. The masks are sigmoid outputs,
 * yet they are fed to {@code log_softmax} as if they were logits, exactly as the reference does.
 */
public final class MaskConsistencyLoss {
    private MaskConsistencyLoss() {
    }

    /** The sparsity term: the mean of all mask values. */
    public static Tensor maskMean(Tensor mask) {
        return mask.mean();
    }

    /**
     * {@code KL(target ‖ predicted)} with batch-mean reduction over the flattened masks [N,...];
     * the target is detached here, so no gradient can reach the pass-1 graph through it.
     */
    public static Tensor klDivergence(Tensor predictedMask, Tensor targetMask) {
        long n = predictedMask.size(0);
        Tensor logPred = log_softmax(predictedMask.reshape(n, -1), -1);
        Tensor logTarget = log_softmax(targetMask.detach().reshape(n, -1), -1);
        KLDivLossOptions options = new KLDivLossOptions(new kBatchMean());
        options.log_target().put(true);
        return kl_div(logPred, logTarget, options);
    }
}
