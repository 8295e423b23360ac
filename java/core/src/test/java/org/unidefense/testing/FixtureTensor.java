package org.unidefense.testing;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Tensors;

/** One tensor of a fixture state dict: float32 or int64 values in C order. */
public record FixtureTensor(String name, String dtype, long[] shape, float[] floats, long[] longs) {
    static FixtureTensor ofFloats(String name, long[] shape, float[] v) {
        return new FixtureTensor(name, "float32", shape, v, null);
    }

    static FixtureTensor ofLongs(String name, long[] shape, long[] v) {
        return new FixtureTensor(name, "int64", shape, null, v);
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** A new libtorch tensor with these values. */
    public Tensor toTensor() {
        return isFloat() ? Tensors.fromFloats(floats, shape) : Tensors.fromLongs(longs, shape);
    }

    /** Float64 sum, as the manifest's stats record it. */
    public double sum() {
        double s = 0;
        if (isFloat()) {
            for (float f : floats) {
                s += f;
            }
        } else {
            for (long l : longs) {
                s += l;
            }
        }
        return s;
    }
}
