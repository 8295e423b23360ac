package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layers;

import java.util.function.Supplier;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.sigmoid;
import static org.bytedeco.pytorch.global.torch.softmax;

/**
 * RECCE's multi-scale graph reasoning. Every position j of the encoder map {@code vert_a}
 * ([B,728,h,w]) is a vertex linked to the r x r patch of decoder cells above it at two scales:
 * {@code vert_b} (decoder2, 2h x 2w, r = 2) and {@code vert_c} (decoder4, 4h x 4w, r = 4). Each
 * patch cell is embedded, weighted by softmax over the patch of relu(linear(cat[a_j, cell])),
 * summed, and gated by 1 - sigmoid(conv1x1(vert_a)). The sigmoid of [agg_b, agg_c, emb_a]
 * (768 channels) is reprojected to 728 channels.
 *
 * <p>The reference loops over the h*w positions in Python; here all positions run at once: the
 * per-position Linear, ReLU and softmax over the patch act on a [B, r², h*w, 512] tensor and
 * the bmm becomes a weighted sum over the patch axis, the same arithmetic.
 */
public final class GraphReasoning extends CompositeModule {
    private static final int RATIO_B = 2;
    private static final int RATIO_C = 4;

    private final IndexedSequential vaEmbedding;
    private final IndexedSequential vaGatedB;
    private final IndexedSequential vaGatedC;
    private final IndexedSequential vbEmbedding;
    private final IndexedSequential vcEmbedding;
    private final IndexedSequential reweightAb;
    private final IndexedSequential reweightAc;
    private final IndexedSequential reproject;

    /** The reprojected output and its input (the sigmoid of the aggregated vertices). */
    public record Output(Tensor aggregated, Tensor out) {
    }

    GraphReasoning(long vaIn, long vaOut, long vbIn, long vbOut, long vcIn, long vcOut, double dropRate,
                   Supplier<RecceDraws> draws) {
        super("GraphReasoning");
        vaEmbedding = register_module("va_embedding", new IndexedSequential()
                .add(Layers.conv2d(vaIn, vaOut, 1, 1, 0, false)).add(Layers.relu())
                .add(Layers.conv2d(vaOut, vaOut, 1, 1, 0, false)));
        vaGatedB = register_module("va_gated_b", new IndexedSequential()
                .add(Layers.conv2d(vaIn, vaOut, 1, 1, 0, false)).add(Layers.sigmoid()));
        vaGatedC = register_module("va_gated_c", new IndexedSequential()
                .add(Layers.conv2d(vaIn, vaOut, 1, 1, 0, false)).add(Layers.sigmoid()));
        vbEmbedding = register_module("vb_embedding", new IndexedSequential()
                .add(Layers.linear(vbIn, vbOut, false)).add(Layers.relu()).add(Layers.linear(vbOut, vbOut, false)));
        vcEmbedding = register_module("vc_embedding", new IndexedSequential()
                .add(Layers.linear(vcIn, vcOut, false)).add(Layers.relu()).add(Layers.linear(vcOut, vcOut, false)));
        reweightAb = reweight("reweight_ab", vaOut + vbOut);
        reweightAc = reweight("reweight_ac", vaOut + vcOut);
        reproject = register_module("reproject", new IndexedSequential()
                .add(Layers.conv2d(vaOut + vbOut + vcOut, vaIn, 1, 1, 0, false)).add(Layers.relu())
                .add(Layers.conv2d(vaIn, vaIn, 1, 1, 0, false))
                .add(new SiteDropout("reasoning.reproject.3", dropRate, draws)));
    }

    /**
     * Linear(in→1, no bias) at index 0, as the reference's Sequential(Linear, ReLU, Softmax) whose
     * ReLU and Softmax hold no parameters; {@link #aggregate} applies those two. The Java object is
     * kept in a field: libtorch calls back into it, so it must not be garbage-collected.
     */
    private IndexedSequential reweight(String name, long in) {
        return register_module(name, new IndexedSequential().add(Layers.linear(in, 1, false)));
    }

    public Output forward(Tensor vertA, Tensor vertB, Tensor vertC) {
        long batch = vertA.size(0);
        long h = vertA.size(2);
        long w = vertA.size(3);
        Tensor embA = vaEmbedding.forward(vertA).flatten(2, 3);                       // [B,256,L]
        Tensor gateB = vaGatedB.forward(vertA).flatten(2, 3).neg().add_(new org.bytedeco.pytorch.Scalar(1.0));
        Tensor gateC = vaGatedC.forward(vertA).flatten(2, 3).neg().add_(new org.bytedeco.pytorch.Scalar(1.0));
        Tensor aggB = aggregate(embA, vbEmbedding.forward(patches(vertB, RATIO_B, h, w)), reweightAb).mul(gateB);
        Tensor aggC = aggregate(embA, vcEmbedding.forward(patches(vertC, RATIO_C, h, w)), reweightAc).mul(gateC);
        Tensor abc = sigmoid(cat(new TensorVector(aggB, aggC, embA), 1)).reshape(batch, -1, h, w);
        return new Output(abc, reproject.forward(abc));
    }

    /**
     * nn.Unfold(kernel=stride=r) of [B,C,r*h,r*w], reshaped to [B,C,r²,L] and permuted to
     * [B,r²,L,C]: patch cell (ky,kx) at index ky*r+kx, positions row-major.
     */
    static Tensor patches(Tensor v, int r, long h, long w) {
        long batch = v.size(0);
        long c = v.size(1);
        return v.narrow(2, 0, h * r).narrow(3, 0, w * r)
                .reshape(batch, c, h, r, w, r)
                .permute(0, 3, 5, 2, 4, 1)
                .reshape(batch, (long) r * r, h * w, c);
    }

    /** For every position: softmax over the patch of relu(linear(cat[a, cell])), then the weighted sum of the cells. */
    private static Tensor aggregate(Tensor embA, Tensor cells, IndexedSequential reweight) {
        long k2 = cells.size(1);
        Tensor a = embA.permute(0, 2, 1).unsqueeze(1).expand(new long[]{cells.size(0), k2, cells.size(2), embA.size(1)});
        Tensor score = reweight.forward(cat(new TensorVector(a, cells), -1)).relu();   // [B,r²,L,1]
        Tensor weights = softmax(score, 1);
        return cells.mul(weights).sum(new long[]{1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .permute(0, 2, 1);                                                      // [B,C,L]
    }
}
