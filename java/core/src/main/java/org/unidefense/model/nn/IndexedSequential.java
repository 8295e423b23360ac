package org.unidefense.model.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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

    /**
     * Each layer runs in its own native scope, so its temporaries are freed when it returns, and
     * each layer's output handle is dropped once the next layer has consumed it.
     */
    @Override
    public Tensor forward(Tensor x) {
        return Trace.on() ? Trace.module(this, x, this::runLayers) : runLayers(x);
    }

    private Tensor runLayers(Tensor x) {
        return NativeScopes.chain(x, layers.stream().map(l -> (UnaryOperator<Tensor>) l::forward).toList());
    }
}
