package org.unidefense.distributed;

import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

import static org.bytedeco.pytorch.global.torch.empty;

/** float64 tensors from and to Java arrays (scores and metrics travel as doubles, exactly). */
public final class DoubleTensors {
    private DoubleTensors() {
    }

    public static Tensor of(double[] values, long... shape) {
        long[] s = shape.length == 0 ? new long[]{values.length} : shape;
        Tensor t = empty(s, new TensorOptions(torch.ScalarType.Double), new MemoryFormatOptional());
        if (values.length > 0) {
            t.data_ptr_double().put(values, 0, values.length);
        }
        return t;
    }

    public static double[] values(Tensor t) {
        Tensor c = t.contiguous();
        double[] out = new double[(int) c.numel()];
        if (out.length > 0) {
            c.data_ptr_double().get(out);
        }
        return out;
    }
}
