package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.softmax;

/** Two-class cross-entropy and the detection score derived from the same logits. */
public final class ClassificationLoss {
    private ClassificationLoss() {
    }

    /** Mean cross-entropy of logits [N,2] against int64 labels [N] (0 = real). */
    public static Tensor crossEntropy(Tensor logits, Tensor labels) {
        return cross_entropy(logits, labels);
    }

    /** The score the evaluation thresholds: softmax(logits)[:,0], the probability of "real". */
    public static Tensor realProbability(Tensor logits) {
        return softmax(logits, 1).select(1, 0);
    }
}
