package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.eye;
import static org.bytedeco.pytorch.global.torch.logical_or;
import static org.bytedeco.pytorch.global.torch.logical_xor;

/**
 * RECCE's metric-learning loss ({@code trainer/utils.py} MLLoss) on correlation matrices C [B,B]
 * with entries in [0,1]: for each matrix, {@code max(1 - sim + diff, 0)}, where diff is the mean
 * correlation over real-fake pairs and sim over real-real pairs without the diagonal (fake-fake
 * pairs are ignored). Each mean divides by the pair count + 1e-6, as the reference does, so a
 * batch without such pairs contributes 0 to that mean.
 */
public final class MetricLearningLoss {
    static final double EPS = 1e-6;

    /** The loss and, per matrix, its sim, diff and clamped partial term. */
    public record Terms(Tensor loss, List<Tensor> sim, List<Tensor> diff, List<Tensor> partial) {
    }

    /** D_ij = y_i xor y_j (real-fake pairs), as a float matrix of {@code like}'s dtype. */
    public static Tensor differentPairs(Tensor labels, Tensor like) {
        Tensor y = labels.ne(new Scalar(0));
        return logical_xor(y.unsqueeze(1), y.unsqueeze(0)).to(like.scalar_type());
    }

    /** S_ij = not(y_i or y_j or i == j): pairs of two different real samples. */
    public static Tensor similarPairs(Tensor labels, Tensor like) {
        Tensor y = labels.ne(new Scalar(0));
        long n = labels.size(0);
        Tensor any = logical_or(logical_or(y.unsqueeze(1), y.unsqueeze(0)), eye(n).ne(new Scalar(0)));
        return any.logical_not().to(like.scalar_type());
    }

    /**
     * @param correlations the matrices [B,B] (RECCE's {@code loss_inputs['contra']})
     * @param labels       int64 [B], 0 = real, 1 = fake
     */
    public Terms loss(List<Tensor> correlations, Tensor labels) {
        Tensor like = correlations.get(0);
        Tensor d = differentPairs(labels, like);
        Tensor s = similarPairs(labels, like);
        Tensor dCount = d.sum().add(new Scalar(EPS));
        Tensor sCount = s.sum().add(new Scalar(EPS));
        List<Tensor> sims = new ArrayList<>();
        List<Tensor> diffs = new ArrayList<>();
        List<Tensor> partials = new ArrayList<>();
        Tensor total = null;
        for (Tensor c : correlations) {
            Tensor diff = c.mul(d).sum().div(dCount);
            Tensor sim = c.mul(s).sum().div(sCount);
            // Python's max(partial, 0): the partial term itself unless it is negative
            Tensor partial = diff.sub(sim).add(new Scalar(1.0)).clamp_min(new Scalar(0.0));
            sims.add(sim);
            diffs.add(diff);
            partials.add(partial);
            total = total == null ? partial : total.add(partial);
        }
        return new Terms(total, List.copyOf(sims), List.copyOf(diffs), List.copyOf(partials));
    }
}
