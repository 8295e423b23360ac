package org.unidefense.model.efficientnet;

import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.unidefense.tensor.PointwiseConv;
import org.bytedeco.pytorch.Tensor;

/**
 * A square conv whose "SAME" padding is planned for a configured input size (see
 * {@link SamePadding}). It is a plain {@link Conv2dImpl} without built-in padding, so its
 * parameters are named {@code weight} (and {@code bias}) like the reference's. The padding is
 * applied by the Java {@link #forward}; native code calling the module directly would skip it.
 */
public class SamePaddingConv2d extends Conv2dImpl {
    private final SamePadding padding;

    private final boolean pointwise;

    private SamePaddingConv2d(Conv2dOptions options, SamePadding padding, boolean pointwise) {
        super(options);
        this.padding = padding;
        this.pointwise = pointwise;
    }

    /**
     * @param plannedHeight input height the padding is planned for
     * @param plannedWidth  input width the padding is planned for
     */
    public static SamePaddingConv2d create(int in, int out, int kernel, int stride, int groups, boolean bias,
                                           int plannedHeight, int plannedWidth) {
        Conv2dOptions o = new Conv2dOptions(in, out, new LongPointer((long) kernel, (long) kernel));
        o.stride().put(new long[]{stride, stride});
        o.groups().put(groups);
        o.bias().put(bias);
        return new SamePaddingConv2d(o, SamePadding.forConv(plannedHeight, plannedWidth, kernel, stride),
                kernel == 1 && stride == 1 && groups == 1);
    }

    public SamePadding samePadding() {
        return padding;
    }

    /** A 1×1 convolution (no padding then) on a channels-last input runs as a matrix product ({@link PointwiseConv}). */
    @Override
    public Tensor forward(Tensor x) {
        if (pointwise && PointwiseConv.applies(x)) {
            return PointwiseConv.apply(x, weight(), bias());
        }
        return super.forward(padding.apply(x));
    }
}
