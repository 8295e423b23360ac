package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.constant_pad_nd;

/**
 * TensorFlow-style "SAME" zero padding, planned once for a given input size: the output of a
 * stride-s conv has ceil(size / s) pixels, and an odd total padding puts the extra pixel on the
 * right/bottom. Because it is planned, an input of another size gets the planned padding, exactly
 * as the reference's static-padding convolutions do.
 */
public record SamePadding(int left, int right, int top, int bottom) {

    public static final SamePadding NONE = new SamePadding(0, 0, 0, 0);

    /** The padding of a square {@code kernel}×{@code kernel} conv with dilation 1. */
    public static SamePadding forConv(int inputHeight, int inputWidth, int kernel, int stride) {
        int padH = totalPadding(inputHeight, kernel, stride);
        int padW = totalPadding(inputWidth, kernel, stride);
        return new SamePadding(padW / 2, padW - padW / 2, padH / 2, padH - padH / 2);
    }

    /** Output size of a "SAME" conv with this stride: ceil(size / stride). */
    public static int outputSize(int inputSize, int stride) {
        return (inputSize + stride - 1) / stride;
    }

    private static int totalPadding(int size, int kernel, int stride) {
        return Math.max((outputSize(size, stride) - 1) * stride + kernel - size, 0);
    }

    public boolean isNone() {
        return left == 0 && right == 0 && top == 0 && bottom == 0;
    }

    /** {left, right, top, bottom}, the order of {@code F.pad} on the last two dimensions. */
    public long[] toPadArgument() {
        return new long[]{left, right, top, bottom};
    }

    /** x padded with zeros (x itself when there is nothing to pad). */
    public Tensor apply(Tensor x) {
        return isNone() ? x : constant_pad_nd(x, toPadArgument());
    }
}
