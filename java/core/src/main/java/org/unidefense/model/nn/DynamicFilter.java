package org.unidefense.model.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;

/**
 * The shared shape of the reference's frequency and spatial dynamic filters:
 * {@code layer1} = conv, norm, activation on the features; the channel mean and max of that
 * projection, concatenated with the reconstruction difference, go through {@code layer2} =
 * 1x1 conv to one channel and a sigmoid; the mask multiplies the (unprojected) input.
 */
public abstract class DynamicFilter extends Module {
    private final IndexedSequential layer1;
    private final IndexedSequential layer2;

    protected DynamicFilter(String name, Layer projection, long projectedChannels, long diffChannels,
                            Activation activation, Norm2d norm, boolean affine, boolean bias) {
        super(name);
        this.layer1 = register_module("layer1", new IndexedSequential()
                .add(projection)
                .add(norm.create(projectedChannels, affine))
                .add(activation.create()));
        this.layer2 = register_module("layer2", new IndexedSequential()
                .add(Layers.conv2d(2 + diffChannels, 1, 1, 1, 0, bias))
                .add(Layers.sigmoid()));
    }

    public FilterOutput forward(Tensor x, Tensor diff) {
        Tensor projected = layer1.forward(x);
        Tensor preMask = cat(new TensorVector(
                projected.mean(new long[]{1}, true, new ScalarTypeOptional()),
                projected.amax(new long[]{1}, true), // = max(dim=1).values, returned by value
                diff), 1);
        Tensor mask = layer2.forward(preMask);
        return new FilterOutput(mask, mask.mul(x));
    }
}
