package org.unidefense.train;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.loss.AsymmetricWeightedTripletLoss;
import org.unidefense.loss.ClassificationLoss;
import org.unidefense.loss.FactorizationLoss;
import org.unidefense.loss.LossTerms;
import org.unidefense.loss.LossWeights;
import org.unidefense.loss.MaskConsistencyLoss;
import org.unidefense.loss.ReconstructionLoss;
import org.unidefense.loss.TwoPassObjective;
import org.unidefense.model.ModelOutput;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * The loss terms of one pass of the reference's {@code train_unidefense_model}, under the
 * reference's names ({@code cls_loss}, {@code triplet_loss}, {@code real_rec_loss}, ...), and
 * the weighted total that is back-propagated. Reconstruction terms are split at
 * {@code realCount}: the batch holds its real samples first; only the real half is trained
 * to reconstruct, the fake half is reported.
 */
public final class PassLosses {
    private static final AsymmetricWeightedTripletLoss TRIPLET = new AsymmetricWeightedTripletLoss();
    private static final FactorizationLoss FACTORIZATION = new FactorizationLoss();

    private final Map<String, Tensor> terms;
    private final Tensor total;

    private PassLosses(Map<String, Tensor> terms, Tensor total) {
        this.terms = terms;
        this.total = total;
    }

    /** Pass 1 on the clean batch: masks enter through their means (a sparsity push). */
    public static PassLosses firstPass(ModelOutput out, Tensor labels, long realCount, LossWeights weights) {
        Map<String, Tensor> t = common(out, labels, realCount);
        t.put("freq_mask_loss", maskMean(out.freqMask(), out));
        t.put("spat_mask_loss", maskMean(out.spatMask(), out));
        Tensor total = TwoPassObjective.firstPass(terms(t, null), weights);
        return withTotal(t, total);
    }

    /**
     * Pass 2 on the perturbed batch.
     *
     * @param maskConsistency KL between the passes' masks (later in training) instead of the
     *                        mask means; see {@link TwoPassObjective#usesMaskConsistency}
     */
    public static PassLosses secondPass(ModelOutput out, Tensor labels, long realCount, LossWeights weights,
                                        PassTargets targets, boolean maskConsistency) {
        Map<String, Tensor> t = common(out, labels, realCount);
        t.put("freq_mask_loss", maskTerm(out.freqMask(), targets.freqMask(), maskConsistency, out));
        t.put("spat_mask_loss", maskTerm(out.spatMask(), targets.spatMask(), maskConsistency, out));
        Tensor fac = FACTORIZATION.loss(out.factorization(), targets.factorization());
        t.put("fac_loss", fac);
        Tensor total = TwoPassObjective.secondPass(terms(t, fac), weights);
        return withTotal(t, total);
    }

    /** The back-propagated total. */
    public Tensor total() {
        return total;
    }

    public Tensor term(String name) {
        return terms.get(name);
    }

    /** Every term as a double, keyed {@code prefix + name}, the total first. */
    public Map<String, Double> values(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : terms.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue().item_double());
        }
        return out;
    }

    private static Map<String, Tensor> common(ModelOutput out, Tensor labels, long realCount) {
        long fakeCount = out.clsOut().size(0) - realCount;
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("total_loss", null); // keeps the total first in the reported order
        t.put("cls_loss", ClassificationLoss.crossEntropy(out.clsOut(), labels));
        List<Tensor> features = out.triplet();
        Tensor triplet = zeroLike(out);
        for (int i = 0; i < features.size(); i++) {
            Tensor level = TRIPLET.loss(features.get(i), labels);
            t.put("triplet_loss_feat" + i, level);
            triplet = i == 0 ? level : triplet.add(level);
        }
        t.put("triplet_loss", triplet);
        t.put("real_rec_loss", part(out.spatial(), 0, realCount, out));
        t.put("fake_rec_loss", part(out.spatial(), realCount, fakeCount, out));
        t.put("real_freq_loss", part(out.freq(), 0, realCount, out));
        t.put("fake_freq_loss", part(out.freq(), realCount, fakeCount, out));
        return t;
    }

    private static Tensor part(Tensor perSample, long start, long count, ModelOutput out) {
        if (perSample == null) {
            return zeroLike(out);
        }
        return start == 0 ? ReconstructionLoss.realMean(perSample, count)
                : ReconstructionLoss.fakeMean(perSample, start);
    }

    private static Tensor maskMean(Tensor mask, ModelOutput out) {
        return mask == null ? zeroLike(out) : MaskConsistencyLoss.maskMean(mask);
    }

    private static Tensor maskTerm(Tensor mask, Tensor target, boolean consistency, ModelOutput out) {
        if (mask == null || target == null) {
            return zeroLike(out);
        }
        return consistency ? MaskConsistencyLoss.klDivergence(mask, target) : MaskConsistencyLoss.maskMean(mask);
    }

    private static LossTerms terms(Map<String, Tensor> t, Tensor fac) {
        return new LossTerms(t.get("cls_loss"), t.get("freq_mask_loss"), t.get("spat_mask_loss"),
                t.get("triplet_loss"), t.get("real_rec_loss"), t.get("real_freq_loss"), fac);
    }

    private static PassLosses withTotal(Map<String, Tensor> t, Tensor total) {
        t.put("total_loss", total);
        return new PassLosses(t, total);
    }

    private static Tensor zeroLike(ModelOutput out) {
        return zeros(new long[0], out.clsOut().options());
    }
}
