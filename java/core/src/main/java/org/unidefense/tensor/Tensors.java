package org.unidefense.tensor;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.empty;

/**
 * Copies between Java arrays and libtorch tensors (CPU, contiguous). One copy each way:
 * the tensor owns its memory, so the Java array may be reused or dropped at once.
 */
public final class Tensors {
    private Tensors() {
    }

    /** A new float32 tensor of the given shape holding a copy of {@code values}. */
    public static Tensor fromFloats(float[] values, long... shape) {
        checkNumel(values.length, shape);
        Tensor t = empty(shape, new TensorOptions(ScalarType.Float), new MemoryFormatOptional());
        t.data_ptr_float().put(values, 0, values.length);
        return t;
    }

    /** A new int64 tensor of the given shape holding a copy of {@code values}. */
    public static Tensor fromLongs(long[] values, long... shape) {
        checkNumel(values.length, shape);
        Tensor t = empty(shape, new TensorOptions(ScalarType.Long), new MemoryFormatOptional());
        t.data_ptr_long().put(values, 0, values.length);
        return t;
    }

    /** The elements of a float32 tensor in C order (any layout, any device). */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Float).contiguous();
        float[] out = new float[(int) c.numel()];
        c.data_ptr_float().get(out);
        return out;
    }

    /** The elements of an integer tensor in C order, as int64. */
    public static long[] toLongs(Tensor t) {
        Tensor c = t.detach().cpu().to(ScalarType.Long).contiguous();
        long[] out = new long[(int) c.numel()];
        c.data_ptr_long().get(out);
        return out;
    }

    /** The sizes of a tensor as a Java array. */
    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }

    private static void checkNumel(int n, long[] shape) {
        long numel = 1;
        for (long s : shape) {
            numel *= s;
        }
        if (numel != n) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape)
                    + " holds " + numel + " elements, got " + n);
        }
    }
}
