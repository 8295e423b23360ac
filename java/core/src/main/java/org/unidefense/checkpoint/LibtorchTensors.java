package org.unidefense.checkpoint;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;

import java.util.Arrays;

import static org.bytedeco.pytorch.global.torch.empty;

/**
 * Converts between {@link StoredTensor} and libtorch tensors (CPU). Kept apart from the
 * reader so that reading a file never loads the native library.
 */
public final class LibtorchTensors {
    private LibtorchTensors() {
    }

    /**
     * A new contiguous libtorch tensor with the stored tensor's values. Only the bytes the view
     * spans are copied, so many views into one large shared storage stay cheap.
     */
    public static Tensor toTensor(StoredTensor t) {
        ScalarType type = scalarType(t.dtype());
        long[] shape = t.shape();
        if (t.numel() == 0) {
            return empty(shape, new TensorOptions(type), new MemoryFormatOptional());
        }
        int es = t.dtype().elementSize();
        byte[] span = t.storage().copyBytes(t.storageOffset() * es, t.extent() * es);
        Tensor raw = empty(new long[]{span.length}, new TensorOptions(ScalarType.Byte), new MemoryFormatOptional());
        raw.data_ptr_byte().put(span, 0, span.length);
        Tensor typed = type == ScalarType.Byte ? raw : raw.view(type);
        Tensor view = typed.as_strided(shape, t.stride(), new LongOptional(0));
        return view.clone(new MemoryFormatOptional(MemoryFormat.Contiguous));
    }

    /** A stored tensor (own storage, C order) with a copy of a libtorch tensor's values. */
    public static StoredTensor fromTensor(Tensor tensor) {
        DType dtype = dtypeOf(tensor.scalar_type());
        long[] shape = tensor.sizes().vec().get();
        Tensor flat = tensor.detach().cpu().contiguous().reshape(-1);
        byte[] bytes = new byte[Math.toIntExact(flat.numel() * dtype.elementSize())];
        if (bytes.length > 0) {
            Tensor asBytes = dtype == DType.UINT8 ? flat : flat.view(ScalarType.Byte);
            asBytes.data_ptr_byte().get(bytes);
        }
        return StoredTensor.contiguous(Storage.of("0", dtype, bytes), shape);
    }

    static ScalarType scalarType(DType d) {
        switch (d) {
            case FLOAT32: return ScalarType.Float;
            case FLOAT64: return ScalarType.Double;
            case FLOAT16: return ScalarType.Half;
            case BFLOAT16: return ScalarType.BFloat16;
            case INT64: return ScalarType.Long;
            case INT32: return ScalarType.Int;
            case INT16: return ScalarType.Short;
            case INT8: return ScalarType.Char;
            case UINT8: return ScalarType.Byte;
            case BOOL: return ScalarType.Bool;
            default: throw new IllegalArgumentException(String.valueOf(d));
        }
    }

    static DType dtypeOf(ScalarType s) {
        // Enums returned by native calls are fresh objects: compare their values, not identities.
        for (DType d : DType.values()) {
            if (scalarType(d).value == s.value) {
                return d;
            }
        }
        throw new IllegalArgumentException("no torch.save dtype for libtorch " + s + "; supported: "
                + Arrays.toString(DType.values()));
    }
}
