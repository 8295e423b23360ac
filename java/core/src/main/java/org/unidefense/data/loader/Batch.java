package org.unidefense.data.loader;

import java.util.List;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.data.Sample;
import org.unidefense.tensor.Tensors;

/**
 * One batch of images in NCHW order, {@code images[((n * C + c) * H + y) * W + x]}, with a label
 * per image ({@code int64}, as the reference's targets) and the samples they came from.
 *
 * @param epoch the sampler epoch the batch was drawn in
 */
public record Batch(float[] images, int size, int channels, int height, int width,
                    long[] labels, List<Sample> samples, long epoch) {

    public Batch {
        if ((long) size * channels * height * width != images.length) {
            throw new IllegalArgumentException("images hold " + images.length + " values, expected "
                    + size + "x" + channels + "x" + height + "x" + width);
        }
        if (labels.length != size || samples.size() != size) {
            throw new IllegalArgumentException("a batch of " + size + " images needs as many labels and samples");
        }
        samples = List.copyOf(samples);
    }

    /** The samples' paths (the reference's image ids). */
    public List<String> ids() {
        return samples.stream().map(Sample::path).toList();
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
