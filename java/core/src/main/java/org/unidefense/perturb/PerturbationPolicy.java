package org.unidefense.perturb;

import org.unidefense.tensor.Placement;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * The perturbation the model applies to its input in the second pass of a training step.
 *
 * <p>With probability ½ (a uniform draw above 0.5) it takes the style branch: every sample gets
 * a style partner from its own half of the batch (real with real, fake with fake, by a random
 * permutation of each half), the partner is CORAL-aligned to the sample's colours, and one of
 * the two style transfers (integer draw 0: frequency, 1: spatial) mixes it in. Otherwise an
 * integer draw picks white noise (0), blur (1) or downscaling (2). The draws come in the
 * reference's order: permutation of the real half, of the fake half, branch, kind, then the
 * transfer's λ or the noise. The style branch runs without gradient, as in the reference.
 */
public final class PerturbationPolicy {
    private static final double STYLE_THRESHOLD = 0.5;
    private static final long STYLE_KINDS = 2;
    private static final long BASIC_KINDS = 3;

    private final StyleAlignment alignment;
    private final FrequencyStyleTransfer frequencyTransfer = new FrequencyStyleTransfer();
    private final SpatialStyleTransfer spatialTransfer = new SpatialStyleTransfer();
    private final WhiteNoise noise = new WhiteNoise();
    private final GaussianBlur5x5 blur = new GaussianBlur5x5();
    private final NearestDownscale downscale = new NearestDownscale();

    /** @param alignment how style partners are re-coloured first; the model uses {@link Coral} */
    public PerturbationPolicy(StyleAlignment alignment) {
        this.alignment = alignment;
    }

    /**
     * Draws the style permutations of both halves, then perturbs.
     *
     * @param x batch [B,C,H,W] with its {@code realCount} real samples first
     */
    public Perturbed perturb(Tensor x, long realCount, PerturbationRandom random) {
        long fakeCount = x.size(0) - realCount;
        Tensor realPermutation = random.permutation(realCount);
        Tensor fakePermutation = random.permutation(fakeCount);
        return perturb(x, realPermutation, fakePermutation, random);
    }

    /** Perturbs with given permutations (int64) of the real and the fake half. */
    public Perturbed perturb(Tensor x, Tensor realPermutation, Tensor fakePermutation, PerturbationRandom random) {
        double branchDraw = random.uniform();
        if (branchDraw > STYLE_THRESHOLD) {
            try (NoGradGuard ignored = new NoGradGuard()) {
                Tensor style = alignment.align(stylePartners(x, realPermutation, fakePermutation), x);
                long kindDraw = random.integer(STYLE_KINDS);
                long b = x.size(0);
                Tensor out = kindDraw == 0
                        ? frequencyTransfer.apply(x, style, random.uniform(b, 1, 1, 1))
                        : spatialTransfer.apply(x, style, random.uniform(b, 1, 1));
                PerturbationKind kind = kindDraw == 0 ? PerturbationKind.FREQUENCY_STYLE : PerturbationKind.SPATIAL_STYLE;
                return new Perturbed(out, new PerturbationRecord(kind, branchDraw, kindDraw,
                        Tensors.toLongs(realPermutation), Tensors.toLongs(fakePermutation)));
            }
        }
        long kindDraw = random.integer(BASIC_KINDS);
        PerturbationKind kind;
        Tensor out;
        if (kindDraw == 0) {
            kind = PerturbationKind.NOISE;
            out = noise.apply(x, Placement.likeOf(random.normal(noise.std(), x.sizes().vec().get()), x));
        } else if (kindDraw == 1) {
            kind = PerturbationKind.BLUR;
            out = blur.apply(x);
        } else {
            kind = PerturbationKind.DOWNSCALE;
            out = downscale.apply(x);
        }
        return new Perturbed(out, new PerturbationRecord(kind, branchDraw, kindDraw, null, null));
    }

    /**
     * The style partner of every sample: the real half reordered by {@code realPermutation},
     * followed by the fake half reordered by {@code fakePermutation}.
     */
    public static Tensor stylePartners(Tensor x, Tensor realPermutation, Tensor fakePermutation) {
        long realCount = realPermutation.size(0);
        Tensor index = cat(new TensorVector(realPermutation, fakePermutation.add(new Scalar(realCount))), 0);
        return x.index_select(0, Placement.onDeviceOf(index, x));
    }
}
