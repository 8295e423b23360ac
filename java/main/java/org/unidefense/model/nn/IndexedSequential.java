package org.unidefense.model.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.NativeScopes;

import java.util.ArrayList;
import java.util.List;

/**
 * nn.Sequential: children named "0", "1", ... so parameter names match the reference's
 * state-dict keys ({@code dec_block1.0.weight}), run one after another.
 */
public class IndexedSequential extends Module implements UnaryModule {
    private final List<Layer> layers = new ArrayList<>();

    public IndexedSequential() {
        super("Sequential");
    }

    /** Registers the layer under the next index and returns this sequence. */
    public IndexedSequential add(Layer layer) {
        register_module(Integer.toString(layers.size()), layer.module());
        layers.add(layer);
        return this;
    }

    public <M extends Module & UnaryModule> IndexedSequential add(M module) {
        return add(Layer.of(module));
    }

    public Layer get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }

    /** Each layer runs in its own native scope, so its temporaries are freed when it returns. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x;
        for (Layer layer : layers) {
            Tensor in = y;
            y = NativeScopes.scoped(() -> layer.forward(in));
        }
        return y;
    }
}
