package org.unidefense.train;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.ModelOutput;

/**
 * What the perturbed pass is pulled towards: the clean pass's masks and factorization
 * embedding, detached so that no gradient reaches the clean pass through them.
 */
public record PassTargets(Tensor freqMask, Tensor spatMask, Tensor factorization) {
    public static PassTargets of(ModelOutput clean) {
        return new PassTargets(detached(clean.freqMask()), detached(clean.spatMask()), detached(clean.factorization()));
    }

    private static Tensor detached(Tensor t) {
        return t == null ? null : t.detach().clone();
    }
}
