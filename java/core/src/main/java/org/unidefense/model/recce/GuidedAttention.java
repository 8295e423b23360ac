package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.BilinearResize;

import java.util.function.Supplier;

/**
 * RECCE's reconstruction-guided attention: where the reconstruction misses the input, the
 * features are re-weighted. {@code res_map = gated(bilinear_ac(|x - recons|, h x w))} in [0,1]
 * ([B,1,h,w]); the output is {@code res_map * h(emb) + dropout(emb)}.
 */
public final class GuidedAttention extends CompositeModule {
    private final IndexedSequential gated = new IndexedSequential()
            .add(Layers.conv2d(3, 3, 3, 1, 1, false))
            .add(Layers.relu())
            .add(Layers.conv2d(3, 1, 1, 1, 0, false))
            .add(Layers.sigmoid());
    private final IndexedSequential h;
    private final SiteDropout dropout;

    /** The residual map and the attended features. */
    public record Output(Tensor resMap, Tensor out) {
    }

    GuidedAttention(long depth, double dropRate, Supplier<RecceDraws> draws) {
        super("GuidedAttention");
        register_module("gated", gated);
        h = register_module("h", new IndexedSequential()
                .add(Layers.conv2d(depth, depth, 1, 1, 0, false))
                .add(Layers.batchNorm2d(depth, true))
                .add(Layers.relu()));
        dropout = register_module("dropout", new SiteDropout("attention.dropout", dropRate, draws));
    }

    /**
     * @param x         the clean input [B,3,H,W]
     * @param recons    the reconstruction at the input size
     * @param embedding block8's output [B,depth,h,w]
     */
    public Output forward(Tensor x, Tensor recons, Tensor embedding) {
        Tensor residual = BilinearResize.bilinearAlignCornersLike(x.sub(recons).abs(), embedding);
        Tensor resMap = gated.forward(residual);
        return new Output(resMap, resMap.mul(h.forward(embedding)).add(dropout.forward(embedding)));
    }
}
