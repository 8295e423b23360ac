package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.UnaryModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Xception's residual block (timm's legacy {@code Block}, which RECCE's decoder reuses): {@code reps}
 * times [ReLU, separable conv, BN] in {@code rep}, a max-pool when strided, plus a 1x1 conv + BN
 * shortcut ({@code skip}, {@code skipbn}, registered before {@code rep}) when the shape changes.
 * The sequence indices therefore follow the reference: without the leading ReLU (block1) the
 * first separable conv is {@code rep.0}, otherwise {@code rep.1}.
 */
public final class XceptionBlock extends CompositeModule implements UnaryModule {
    private final Layer skip;
    private final Layer skipBn;
    private final IndexedSequential rep = new IndexedSequential();

    public XceptionBlock(long in, long out, int reps, long stride, boolean startWithRelu, boolean growFirst) {
        super("Block");
        boolean projects = out != in || stride != 1;
        this.skip = projects ? register(Layers.conv2d(in, out, 1, stride, 0, false), "skip") : null;
        this.skipBn = projects ? register(Layers.batchNorm2d(out, true), "skipbn") : null;
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long inc = growFirst ? (i == 0 ? in : out) : in;
            long outc = growFirst ? out : (i < reps - 1 ? in : out);
            layers.add(Layers.relu());
            layers.add(Layer.of(new SeparableConv2d(inc, outc)));
            layers.add(Layers.batchNorm2d(outc, true));
        }
        if (!startWithRelu) {
            layers.remove(0);
        }
        if (stride != 1) {
            layers.add(Layers.maxPool2d(3, stride, 1));
        }
        layers.forEach(rep::add);
        register_module("rep", rep);
    }

    /** A block with the leading ReLU and the channels growing in the first separable conv. */
    public XceptionBlock(long in, long out, int reps, long stride) {
        this(in, out, reps, stride, true, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = rep.forward(x);
        return y.add(skip == null ? x : skipBn.forward(skip.forward(x)));
    }
}
