package org.unidefense.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor as {@code torch.save} stores it: a strided view (shape, strides, storage offset,
 * all in elements) into a {@link Storage} that other tensors may share. Pure Java, so files
 * can be read and checked without libtorch; {@link LibtorchTensors} turns it into a tensor.
 */
public final class StoredTensor {
    private final Storage storage;
    private final long storageOffset;
    private final long[] shape;
    private final long[] stride;
    private final boolean requiresGrad;

    public StoredTensor(Storage storage, long storageOffset, long[] shape, long[] stride, boolean requiresGrad) {
        if (shape.length != stride.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and stride "
                    + Arrays.toString(stride) + " differ in length");
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] < 0 || stride[d] < 0) {
                throw new IllegalArgumentException("negative size or stride in shape " + Arrays.toString(shape)
                        + " stride " + Arrays.toString(stride));
            }
        }
        this.storage = storage;
        this.storageOffset = storageOffset;
        this.shape = shape.clone();
        this.stride = stride.clone();
        this.requiresGrad = requiresGrad;
        long n = numel();
        if (storageOffset < 0 || (n > 0 && storageOffset + extent() > storage.numel())) {
            throw new IllegalArgumentException("a view of shape " + Arrays.toString(shape) + ", stride "
                    + Arrays.toString(stride) + " at offset " + storageOffset + " reaches past the end of "
                    + storage);
        }
    }

    /** A new float32 tensor with its own storage, in C order. */
    public static StoredTensor ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return contiguous(Storage.of("0", DType.FLOAT32, b.array()), shape);
    }

    /** A new int64 tensor with its own storage, in C order. */
    public static StoredTensor ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return contiguous(Storage.of("0", DType.INT64, b.array()), shape);
    }

    /** A contiguous tensor over the whole of a storage. */
    public static StoredTensor contiguous(Storage storage, long... shape) {
        if (numelOf(shape) != storage.numel()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold the "
                    + storage.numel() + " elements of " + storage);
        }
        return new StoredTensor(storage, 0, shape, contiguousStrides(shape), false);
    }

    public Storage storage() {
        return storage;
    }

    public DType dtype() {
        return storage.dtype();
    }

    public long storageOffset() {
        return storageOffset;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long[] stride() {
        return stride.clone();
    }

    public int dim() {
        return shape.length;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    public long numel() {
        return numelOf(shape);
    }

    /** True when the elements lie in C order without gaps (the usual case). */
    public boolean isContiguous() {
        return Arrays.equals(stride, contiguousStrides(shape)) || numel() <= 1;
    }

    /** Storage elements spanned from the offset to the last element, inclusive. */
    public long extent() {
        if (numel() == 0) {
            return 0;
        }
        long e = 1;
        for (int d = 0; d < shape.length; d++) {
            e += (shape[d] - 1) * stride[d];
        }
        return e;
    }

    /** The storage index of element {@code flat} (C order over the shape). */
    public long storageIndex(long flat) {
        long idx = storageOffset;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx += (flat % shape[d]) * stride[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** Element {@code flat} as a double (exact for every dtype but large int64 values). */
    public double getDouble(long flat) {
        return ElementReader.asDouble(storage.buffer(), dtype(), storageIndex(flat));
    }

    /** The elements in C order as float32 (floating dtypes are converted, integers cast). */
    public float[] toFloats() {
        ByteBuffer b = storage.buffer();
        float[] out = new float[Math.toIntExact(numel())];
        if (dtype() == DType.FLOAT32 && isContiguous()) { // the common case, in bulk
            b.position(Math.toIntExact(storageOffset * 4)).slice().order(b.order()).asFloatBuffer().get(out);
            return out;
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) ElementReader.asDouble(b, dtype(), storageIndex(j));
        }
        return out;
    }

    /** The elements in C order as int64; only for integer and bool tensors. */
    public long[] toLongs() {
        if (dtype().isFloating()) {
            throw new IllegalStateException("a " + dtype() + " tensor has no exact int64 values");
        }
        ByteBuffer b = storage.buffer();
        long[] out = new long[Math.toIntExact(numel())];
        if (dtype() == DType.INT64 && isContiguous()) {
            b.position(Math.toIntExact(storageOffset * 8)).slice().order(b.order()).asLongBuffer().get(out);
            return out;
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = ElementReader.asLong(b, dtype(), storageIndex(j));
        }
        return out;
    }

    /** The elements' bytes in C order, little-endian: what a contiguous copy would hold. */
    public byte[] contiguousBytes() {
        int es = dtype().elementSize();
        if (isContiguous()) {
            return storage.copyBytes(storageOffset * es, numel() * es);
        }
        ByteBuffer src = storage.buffer();
        byte[] out = new byte[Math.toIntExact(numel() * es)];
        for (int j = 0; j < numel(); j++) {
            src.position(Math.toIntExact(storageIndex(j) * es));
            src.get(out, j * es, es);
        }
        return out;
    }

    static long numelOf(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    static long[] contiguousStrides(long[] shape) {
        long[] st = new long[shape.length];
        long acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = acc;
            acc *= Math.max(shape[d], 1);
        }
        return st;
    }

    @Override
    public String toString() {
        return "StoredTensor[" + dtype() + " " + Arrays.toString(shape) + ", " + storage.key()
                + (storageOffset != 0 ? " @" + storageOffset : "") + "]";
    }
}
