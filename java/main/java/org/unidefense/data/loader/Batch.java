package org.unidefense.data.loader;

import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Tensors;

/**
 * One batch of images in NCHW order, {@code images[((n * C + c) * H + y) * W + x]}, with a label
 * per image ({@code int64}, as the reference's targets) and the item names and methods.
 *
 * @param epoch the sampler epoch the batch was drawn in
 */
public record Batch(float[] images, int size, int channels, int height, int width,
                    long[] labels, List<String> ids, List<String> methods, long epoch) {

    public Batch {
        if ((long) size * channels * height * width != images.length) {
            throw new IllegalArgumentException("images hold " + images.length + " values, expected "
                    + size + "x" + channels + "x" + height + "x" + width);
        }
        if (labels.length != size || ids.size() != size || methods.size() != size) {
            throw new IllegalArgumentException("a batch of " + size + " images needs as many labels, ids and methods");
        }
        ids = List.copyOf(ids);
        methods = List.copyOf(methods);
    }

    /** {@code [N, C, H, W]}. */
    public long[] shape() {
        return new long[] {size, channels, height, width};
    }

    /** Values per image ({@code C * H * W}). */
    public int imageLength() {
        return channels * height * width;
    }

    public float at(int n, int c, int y, int x) {
        return images[((n * channels + c) * height + y) * width + x];
    }

    /** The images as a new float32 CPU tensor {@code [N, C, H, W]} (one copy). */
    public Tensor imagesTensor() {
        return Tensors.fromFloats(images, shape());
    }

    /** The labels as a new int64 CPU tensor {@code [N]}. */
    public Tensor labelsTensor() {
        return Tensors.fromLongs(labels, size);
    }
}
