package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
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

    /** Keeps the targets alive until {@code scope} closes (they outlive the scope of the pass that made them). */
    public PassTargets attachTo(PointerScope scope) {
        for (Tensor t : new Tensor[]{freqMask, spatMask, factorization}) {
            if (t != null) {
                scope.attach(t);
            }
        }
        return this;
    }

    private static Tensor detached(Tensor t) {
        return t == null ? null : t.detach().clone();
    }
}
