package org.unidefense.model.nn;

import org.unidefense.tensor.Spectra;
import org.unidefense.tensor.FftNorm;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Tensors;
import org.unidefense.profile.Trace;

import java.util.function.UnaryOperator;

import static org.bytedeco.pytorch.global.torch.sigmoid;

/**
 * The {@code attention()} method shared by all UniDefense models. The reconstruction and the
 * clean image are resized to the embedding's size; their spectral and spatial absolute
 * differences drive a frequency and a spatial dynamic filter over the embedding; the two
 * filtered embeddings are mixed by sigmoid({@code fuse_coef}) and the (dropped-out) embedding
 * is added back.
 *
 * <p>Not a module of its own: the reference keeps {@code freq_filter}, {@code spat_filter} and
 * {@code fuse_coef} directly on the model, so {@link #register} puts them on the owner. Call
 * it where the reference creates them (after the classifier) to keep the state-dict order.
 */
public final class DualSpaceAttention {
    private final FrequencyDynamicFilter freqFilter;
    private final SpatialDynamicFilter spatFilter;
    private final Tensor fuseCoef;
    private final FftNorm freqNorm;

    private DualSpaceAttention(FrequencyDynamicFilter freqFilter, SpatialDynamicFilter spatFilter,
                               Tensor fuseCoef, FftNorm freqNorm) {
        this.freqFilter = freqFilter;
        this.spatFilter = spatFilter;
        this.fuseCoef = fuseCoef;
        this.freqNorm = freqNorm;
    }

    /**
     * Registers {@code freq_filter}, {@code spat_filter} (depth = embedding channels) and the
     * 0-d parameter {@code fuse_coef} (initially 0, a 50/50 mix) on {@code owner}.
     */
    public static DualSpaceAttention register(Module owner, long depth, Activation activation, Norm2d norm,
                                              boolean affine, boolean bias, FftNorm freqNorm) {
        FrequencyDynamicFilter freq = owner.register_module("freq_filter",
                new FrequencyDynamicFilter(depth, activation, norm, affine, bias));
        SpatialDynamicFilter spat = owner.register_module("spat_filter",
                new SpatialDynamicFilter(depth, activation, norm, affine, bias));
        // own handle: the returned reference points into a list that moves as it grows
        Tensor fuse = new Tensor(owner.register_parameter("fuse_coef", Tensors.fromFloats(new float[]{0f})));
        return new DualSpaceAttention(freq, spat, fuse, freqNorm);
    }

    public FrequencyDynamicFilter freqFilter() {
        return freqFilter;
    }

    public SpatialDynamicFilter spatFilter() {
        return spatFilter;
    }

    public Tensor fuseCoef() {
        return fuseCoef;
    }

    /**
     * @param pred            the decoder's reconstruction (the caller detaches it, as the reference does)
     * @param x               the clean input image
     * @param embedding       the features to refine, [N, depth, h, w]
     * @param residualDropout the model's nn.Dropout(drop_rate), applied to the residual embedding
     */
    public AttentionOutput forward(Tensor pred, Tensor x, Tensor embedding, UnaryOperator<Tensor> residualDropout) {
        long h = embedding.size(-2);
        long w = embedding.size(-1);
        Tensor predSmall = BilinearResize.bilinearAlignCorners(pred, h, w);
        Tensor xSmall = BilinearResize.bilinearAlignCorners(x, h, w);

        Tensor freqDiff = Spectra.realImag(predSmall, freqNorm).sub(Spectra.realImag(xSmall, freqNorm)).abs();
        Tensor spectrum = Spectra.realImag(embedding, freqNorm);
        FilterOutput freq = Trace.module(freqFilter, () -> freqFilter.forward(spectrum, freqDiff));
        Tensor freqFiltered = Spectra.inverse(freq.out(), h, w, freqNorm);

        Tensor spatDiff = predSmall.sub(xSmall).abs();
        FilterOutput spat = Trace.module(spatFilter, () -> spatFilter.forward(embedding, spatDiff));

        Tensor coef = sigmoid(fuseCoef);
        Tensor mixed = coef.neg().add(new Scalar(1.0)).mul(spat.out()).add(coef.mul(freqFiltered));
        Tensor out = mixed.add(residualDropout.apply(embedding));
        return new AttentionOutput(out, freq.mask(), spat.mask());
    }
}
