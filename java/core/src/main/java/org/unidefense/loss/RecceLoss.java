package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.BilinearResize;
import org.unidefense.model.recce.RecceOutput;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.binary_cross_entropy_with_logits;
import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.index_select;
import static org.bytedeco.pytorch.global.torch.nonzero;

/**
 * The loss of RECCE's trainer ({@code trainer/exp_mgpu_trainer.py}):
 * <pre>
 *   cls    = |ce - 0.04| + 0.04            flooding; ce is BCE-with-logits (1 class) or cross-entropy
 *   recons = mean |recons - x| over the real samples (0 without any)
 *   contra = the metric-learning loss on the three correlation matrices
 *   total  = cls + (lambda_1 * recons + lambda_2 * contra)
 * </pre>
 * x is the clean input. Labels: 0 = real, 1 = fake.
 */
public final class RecceLoss {
    /** The trainer's hard-coded flooding level. */
    public static final double FLOOD = 0.04;
    private static final MetricLearningLoss CONTRA = new MetricLearningLoss();

    private final double lambda1;
    private final double lambda2;

    /**
     * @param lambda1 weight of the reconstruction loss (config {@code lambda_1})
     * @param lambda2 weight of the metric-learning loss (config {@code lambda_2})
     */
    public RecceLoss(double lambda1, double lambda2) {
        this.lambda1 = lambda1;
        this.lambda2 = lambda2;
    }

    /** The loss terms under the names the trainer logs, and the total to back-propagate. */
    public record Terms(Map<String, Tensor> values, Tensor total) {
        /** Each term as a double, with {@code prefix} on its name. */
        public Map<String, Double> doubles(String prefix) {
            Map<String, Double> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(prefix + k, v.item_double()));
            return out;
        }
    }

    public Terms loss(RecceOutput out, Tensor x, Tensor labels) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        Tensor logits = out.logits();
        Tensor ce = logits.size(1) == 1
                ? binary_cross_entropy_with_logits(logits.reshape(-1), labels.to(logits.scalar_type()))
                : cross_entropy(logits, labels);
        t.put("ce_loss", ce);
        Tensor cls = ce.sub(new Scalar(FLOOD)).abs().add(new Scalar(FLOOD));
        t.put("cls_loss", cls);
        Tensor recons = realReconstruction(out.recons(), x, labels);
        t.put("recons_loss", recons);
        MetricLearningLoss.Terms contra = CONTRA.loss(out.contra(), labels);
        t.put("contra_loss", contra.loss());
        for (int k = 0; k < contra.sim().size(); k++) {
            t.put("contra_sim_" + k, contra.sim().get(k));
            t.put("contra_diff_" + k, contra.diff().get(k));
            t.put("contra_partial_" + k, contra.partial().get(k));
        }
        // `loss += l1 * recons + l2 * contra`: the bracket is summed first
        Tensor total = cls.add(recons.mul(new Scalar(lambda1)).add(contra.loss().mul(new Scalar(lambda2))));
        t.put("total_loss", total);
        return new Terms(t, total);
    }

    /** exp_recons_loss: mean |r - x| over the real samples, r resized to x's size; 0 without real samples. */
    static Tensor realReconstruction(Tensor recons, Tensor x, Tensor labels) {
        Tensor real = nonzero(labels.eq(new Scalar(0))).reshape(-1);
        if (real.numel() == 0) {
            return recons.sum().mul(new Scalar(0.0));
        }
        Tensor r = index_select(recons, 0, real);
        if (r.size(2) != x.size(2) || r.size(3) != x.size(3)) {
            r = BilinearResize.bilinearAlignCornersLike(r, x);
        }
        return r.sub(index_select(x, 0, real)).abs().mean();
    }
}
