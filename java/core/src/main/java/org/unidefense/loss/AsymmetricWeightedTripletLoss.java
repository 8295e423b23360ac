package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.eye;
import static org.bytedeco.pytorch.global.torch.ones_like;
import static org.bytedeco.pytorch.global.torch.soft_margin_loss;

/**
 * UniDefense's asymmetric weighted triplet loss: only real faces (label 0) act as anchors, so
 * real samples are pulled together while fakes are only pushed away from them.
 *
 * <p>The batch must hold its real rows first (the trainer's batches always do). Every real
 * anchor then has the same number of positives and negatives, which is what lets the selected
 * distances be laid out as a matrix.
 */
public final class AsymmetricWeightedTripletLoss {
    private static final double EPS = 1e-12;

    private final boolean normalizeFeature;

    /** The variant the engines use: raw features. */
    public AsymmetricWeightedTripletLoss() {
        this(false);
    }

    /** @param normalizeFeature scale each feature row to unit length first */
    public AsymmetricWeightedTripletLoss(boolean normalizeFeature) {
        this.normalizeFeature = normalizeFeature;
    }

    /** The scalar loss for features [N,d] and int64 labels [N] (0 = real, first). */
    public Tensor loss(Tensor features, Tensor labels) {
        return terms(features, labels).loss();
    }

    /** The loss together with its intermediate distances and weighted terms. */
    public TripletTerms terms(Tensor features, Tensor labels) {
        int realCount = checkRealFirst(labels);
        long n = labels.size(0);
        Tensor feat = normalizeFeature ? PairwiseDistance.normalizeRows(features) : features;
        Tensor dist = PairwiseDistance.euclidean(feat, feat);

        Tensor rowLabels = labels.expand(n, n);
        Tensor sameLabel = rowLabels.eq(rowLabels.t());
        Tensor notSelf = eye(n, new TensorOptions(labels.device())).eq(new Scalar(0.0));
        Tensor positive = sameLabel.logical_and(notSelf).narrow(0, 0, realCount);
        Tensor negative = sameLabel.logical_not().narrow(0, 0, realCount);

        Tensor anchorRows = dist.narrow(0, 0, realCount);
        Tensor distAp = anchorRows.masked_select(positive).reshape(realCount, -1);
        Tensor distAn = anchorRows.masked_select(negative).reshape(realCount, -1);

        Tensor wp = softWeights(distAp.exp());
        Tensor wn = softWeights(distAn.neg().exp());
        Tensor finalWp = wp.mul(distAp).sum(new long[]{1}, false, new ScalarTypeOptional());
        Tensor finalWn = wn.mul(distAn).sum(new long[]{1}, false, new ScalarTypeOptional());
        Tensor margin = finalWn.sub(finalWp);
        Tensor loss = soft_margin_loss(margin, ones_like(margin));
        return new TripletTerms(dist, finalWp, finalWn, loss);
    }

    private static Tensor softWeights(Tensor e) {
        return e.div(e.sum(new long[]{1}, true, new ScalarTypeOptional()).add(new Scalar(EPS)));
    }

    /** The number of real rows; rejects batches where a fake row precedes a real one. */
    private static int checkRealFirst(Tensor labels) {
        long[] l = Tensors.toLongs(labels);
        int real = 0;
        while (real < l.length && l[real] == 0) {
            real++;
        }
        for (int i = real; i < l.length; i++) {
            if (l[i] == 0) {
                throw new IllegalArgumentException("triplet loss needs the real (label 0) rows first,"
                        + " but row " + i + " is real after a fake row");
            }
        }
        if (real == 0) {
            // No anchor at all: the reference would return the mean of nothing (NaN).
            throw new IllegalArgumentException("triplet loss needs at least one real (label 0) row");
        }
        return real;
    }
}
