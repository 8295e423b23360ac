package org.unidefense.perturb;

import org.unidefense.config.CoralMode;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

import static org.bytedeco.pytorch.global.torch.eye;

/**
 * CORAL colour alignment, batched: each source image [C,H,W] is whitened with its own channel
 * statistics and re-coloured with those of the target image at the same batch index.
 *
 * <p>With per-image channel rows f standardised to zero mean and unit (unbiased) std, the
 * "covariance" is Σ = f·fᵀ + I (not divided by the pixel count, as in the reference). The
 * aligned source is √Σ_t · √Σ_s⁻¹ · f_s, then scaled and shifted by the target's std and mean.
 * {@link CoralMode#SYMMETRIC} uses true matrix square roots; {@link CoralMode#REFERENCE} the reference's
 * SVD formula (see {@link ReferenceSvdRoot}).
 */
public final class Coral implements StyleAlignment {
    private final CovarianceRoot roots;

    private Coral(CovarianceRoot roots) {
        this.roots = roots;
    }

    /** The project default: true symmetric square roots from batched eigendecompositions. */
    public static Coral sqrt() {
        return new Coral(new SymmetricSquareRoot());
    }

    /** The reference formula on libtorch's LAPACK SVD. */
    public static Coral reference() {
        return reference(SvdProvider.lapack());
    }

    /** The reference formula on SVD factors from {@code svd}. */
    public static Coral reference(SvdProvider svd) {
        return new Coral(new ReferenceSvdRoot(svd));
    }

    public static Coral of(CoralMode mode) {
        return mode == CoralMode.REFERENCE ? reference() : sqrt();
    }

    /**
     * Re-colours {@code source} [B,C,H,W] with the channel statistics of {@code target} [B,C,H,W].
     * A constant channel has zero std and yields NaN, as in the reference.
     */
    @Override
    public Tensor align(Tensor source, Tensor target) {
        ChannelStats s = ChannelStats.of(source);
        ChannelStats t = ChannelStats.of(target);
        Tensor whitened = roots.inverseRoot(gramWithIdentity(s.standardized()), CoralOperand.SOURCE)
                .matmul(s.standardized());
        Tensor recoloured = roots.root(gramWithIdentity(t.standardized()), CoralOperand.TARGET).matmul(whitened);
        return recoloured.mul(t.std()).add(t.mean()).reshape(source.sizes());
    }

    /** Σ = f·fᵀ + I [B,C,C] of the standardised channels of images x [B,C,H,W]. */
    public static Tensor covarianceWithIdentity(Tensor x) {
        return gramWithIdentity(ChannelStats.of(x).standardized());
    }

    private static Tensor gramWithIdentity(Tensor f) {
        long c = f.size(1);
        Tensor identity = eye(c, new TensorOptions(f.scalar_type()).device(new org.bytedeco.pytorch.DeviceOptional(f.device())));
        return f.matmul(f.transpose(-2, -1)).add(identity);
    }

    /** Per-image, per-channel mean and unbiased std over the pixels, and the standardised rows. */
    private record ChannelStats(Tensor mean, Tensor std, Tensor standardized) {
        static ChannelStats of(Tensor x) {
            Tensor f = x.reshape(x.size(0), x.size(1), -1);
            Tensor mean = f.mean(new long[]{-1}, true, new ScalarTypeOptional());
            Tensor std = f.std(new long[]{-1}, true, true);
            return new ChannelStats(mean, std, f.sub(mean).div(std));
        }
    }
}
