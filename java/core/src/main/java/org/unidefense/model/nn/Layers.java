package org.unidefense.model.nn;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.IdentityImpl;
import org.bytedeco.pytorch.InstanceNorm2dImpl;
import org.bytedeco.pytorch.InstanceNormOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.MaxPool2dImpl;
import org.bytedeco.pytorch.MaxPool2dOptions;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.ReLUOptions;
import org.bytedeco.pytorch.SiLUImpl;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.unidefense.tensor.PointwiseConv;

/** Factories for the torch.nn layers the UniDefense models use, with PyTorch's defaults. */
public final class Layers {
    private Layers() {
    }

    /** nn.Conv2d(in, out, k, stride, padding, bias=bias) with square kernel, stride and padding. */
    public static Layer conv2d(long in, long out, long kernel, long stride, long padding, boolean bias) {
        return conv2d(in, out, kernel, stride, padding, 1, 1, bias);
    }

    /** nn.Conv2d with dilation and groups as well. */
    public static Layer conv2d(long in, long out, long kernel, long stride, long padding,
                               long dilation, long groups, boolean bias) {
        Conv2dImpl conv = new Conv2dImpl(conv2dOptions(in, out, kernel, stride, padding, dilation, groups, bias));
        if (kernel == 1 && stride == 1 && padding == 0 && dilation == 1 && groups == 1) {
            return new Layer(conv, x -> PointwiseConv.applies(x) ? PointwiseConv.apply(x, conv.weight(), conv.bias())
                    : conv.forward(x));
        }
        return new Layer(conv, conv::forward);
    }

    static Conv2dOptions conv2dOptions(long in, long out, long kernel, long stride, long padding,
                                       long dilation, long groups, boolean bias) {
        Conv2dOptions o = new Conv2dOptions(in, out, new LongPointer(kernel, kernel));
        o.stride().put(new long[]{stride, stride});
        o.padding().put(new LongPointer(padding, padding));
        o.dilation().put(new long[]{dilation, dilation});
        o.groups().put(groups);
        o.bias().put(bias);
        return o;
    }

    /** nn.ConvTranspose2d(in, out, k, stride, padding, output_padding=outputPadding, bias=bias). */
    public static Layer convTranspose2d(long in, long out, long kernel, long stride, long padding,
                                        long outputPadding, boolean bias) {
        ConvTranspose2dOptions o = new ConvTranspose2dOptions(in, out, new LongPointer(kernel, kernel));
        o.stride().put(new long[]{stride, stride});
        o.padding().put(new long[]{padding, padding});
        o.output_padding().put(new long[]{outputPadding, outputPadding});
        o.bias().put(bias);
        ConvTranspose2dImpl conv = new ConvTranspose2dImpl(o);
        return new Layer(conv, x -> conv.forward(x));
    }

    /** nn.Linear(in, out, bias=bias); applies to the last dimension of any shape. */
    public static Layer linear(long in, long out, boolean bias) {
        LinearOptions o = new LinearOptions(in, out);
        o.bias().put(bias);
        LinearImpl linear = new LinearImpl(o);
        return new Layer(linear, linear::forward);
    }

    /** nn.BatchNorm2d(c, affine=affine) with eps 1e-5 and momentum 0.1. */
    public static Layer batchNorm2d(long channels, boolean affine) {
        return batchNorm2d(channels, affine, 1e-5, 0.1);
    }

    /** nn.BatchNorm2d with explicit eps and momentum (EfficientNet uses 1e-3 and 0.01). */
    public static Layer batchNorm2d(long channels, boolean affine, double eps, double momentum) {
        BatchNormOptions o = new BatchNormOptions(channels);
        o.affine().put(affine);
        o.eps().put(eps);
        o.momentum().put(momentum);
        BatchNorm2dImpl bn = new BatchNorm2dImpl(o);
        return new Layer(bn, bn::forward);
    }

    /** nn.InstanceNorm2d(c, affine=affine): no running statistics, as in the reference decoders. */
    public static Layer instanceNorm2d(long channels, boolean affine) {
        InstanceNormOptions o = new InstanceNormOptions(channels);
        o.affine().put(affine);
        InstanceNorm2dImpl norm = new InstanceNorm2dImpl(o);
        return new Layer(norm, norm::forward);
    }

    /** nn.MaxPool2d(kernel, stride, padding). */
    public static Layer maxPool2d(long kernel, long stride, long padding) {
        MaxPool2dOptions o = new MaxPool2dOptions(new LongPointer(kernel, kernel));
        o.stride().put(new long[]{stride, stride});
        o.padding().put(new long[]{padding, padding});
        MaxPool2dImpl pool = new MaxPool2dImpl(o);
        return new Layer(pool, pool::forward);
    }

    /** nn.ReLU(): a new output, the input untouched (for inputs something else still reads, e.g. a skip path). */
    public static Layer relu() {
        ReLUImpl relu = new ReLUImpl();
        return new Layer(relu, relu::forward);
    }

    /**
     * nn.ReLU(inplace=True), as UniDefense builds every ReLU: it overwrites its input, which must
     * be a fresh output nothing else reads (a normalisation's or a residual sum's). A training
     * forward then keeps one activation-sized tensor less per ReLU and allocates none. libtorch's
     * forward returns a new handle on the same tensor, which may outlive the input's handle.
     */
    public static Layer reluInPlace() {
        ReLUImpl relu = new ReLUImpl(new ReLUOptions(true));
        return new Layer(relu, relu::forward);
    }

    /** Swish, x * sigmoid(x) (EfficientNet's MemoryEfficientSwish), as nn.SiLU. */
    public static Layer swish() {
        SiLUImpl silu = new SiLUImpl();
        return new Layer(silu, silu::forward);
    }

    public static Layer tanh() {
        TanhImpl tanh = new TanhImpl();
        return new Layer(tanh, tanh::forward);
    }

    public static Layer sigmoid() {
        SigmoidImpl sigmoid = new SigmoidImpl();
        return new Layer(sigmoid, sigmoid::forward);
    }

    /** nn.Identity, for the reference's placeholders (timm's drop_block and aa). */
    public static Layer identity() {
        IdentityImpl identity = new IdentityImpl();
        return new Layer(identity, x -> x);
    }
}
