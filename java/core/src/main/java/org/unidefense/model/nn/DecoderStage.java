package org.unidefense.model.nn;

/**
 * One {@code dec_blockN} of the UniDefense decoders: conv3x3(in→mid), norm, act,
 * transposed conv3x3 stride 2 (doubles the size), norm, act, conv3x3(mid→out), norm, act,
 * and for the last stage conv3x3(out→3) and tanh. Every decoder of the reference has this form.
 */
public final class DecoderStage {
    private DecoderStage() {
    }

    public static IndexedSequential build(long in, long mid, long out, boolean toImage,
                                          Norm2d norm, Activation activation, boolean affine, boolean bias) {
        IndexedSequential s = new IndexedSequential()
                .add(Layers.conv2d(in, mid, 3, 1, 1, bias))
                .add(norm.create(mid, affine))
                .add(activation.create())
                .add(Layers.convTranspose2d(mid, mid, 3, 2, 1, 1, bias))
                .add(norm.create(mid, affine))
                .add(activation.create())
                .add(Layers.conv2d(mid, out, 3, 1, 1, bias))
                .add(norm.create(out, affine))
                .add(activation.create());
        if (toImage) {
            s.add(Layers.conv2d(out, 3, 3, 1, 1, bias)).add(Layers.tanh());
        }
        return s;
    }
}
