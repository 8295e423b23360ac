package org.unidefense.perturb;

import org.unidefense.tensor.Placement;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/** The mixing weight of the style transfers: a uniform draw u mapped to λ = u/2 + 0.5 ∈ [0.5, 1). */
public final class StyleLambda {
    private StyleLambda() {
    }

    /** λ for uniform draws {@code u}, in the dtype of {@code like}; a larger λ keeps more content. */
    public static Tensor fromUniform(Tensor u, Tensor like) {
        // Computed in the draw's own float32 before the cast, as the reference does.
        // Moved to like's device only now: the draws come from the CPU generator (decisions.md 3).
        return Placement.likeOf(u.div(new Scalar(2.0)).add(new Scalar(0.5)), like);
    }
}
