package org.unidefense.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One storage of a {@code torch.save} file: a flat run of elements of one dtype, held as
 * little-endian bytes. Several tensors may view the same storage at different offsets, so a
 * tensor keeps a reference to this object instead of a copy of its elements.
 *
 * <p>In the legacy format the pickle names a storage before its bytes follow in the file,
 * so a storage is created empty and receives its bytes once they are read.
 */
public final class Storage {
    private final String key;
    private final DType dtype;
    private final long numel;
    private final String location;
    private byte[] bytes;

    public Storage(String key, DType dtype, long numel, String location) {
        if (numel < 0 || numel * dtype.elementSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("storage " + key + " of " + numel + " " + dtype
                    + " elements is larger than 2 GB, which this reader does not support");
        }
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.location = location;
    }

    /** A storage holding the given little-endian bytes. */
    public static Storage of(String key, DType dtype, byte[] littleEndianBytes) {
        if (littleEndianBytes.length % dtype.elementSize() != 0) {
            throw new IllegalArgumentException(littleEndianBytes.length + " bytes are not a whole number of "
                    + dtype + " elements");
        }
        Storage s = new Storage(key, dtype, littleEndianBytes.length / dtype.elementSize(), "cpu");
        s.fill(littleEndianBytes);
        return s;
    }

    /** The storage's name inside its file (the zip entry name, or the legacy pickle's key). */
    public String key() {
        return key;
    }

    public DType dtype() {
        return dtype;
    }

    public long numel() {
        return numel;
    }

    /** The device the writer had the storage on, e.g. {@code cpu} or {@code cuda:0}. */
    public String location() {
        return location;
    }

    public long nbytes() {
        return numel * dtype.elementSize();
    }

    public boolean isLoaded() {
        return bytes != null;
    }

    void fill(byte[] littleEndianBytes) {
        if (littleEndianBytes.length != nbytes()) {
            throw new IllegalArgumentException("storage " + key + " expects " + nbytes() + " bytes, got "
                    + littleEndianBytes.length);
        }
        this.bytes = littleEndianBytes;
    }

    /** A read-only little-endian view of all the storage's bytes. */
    public ByteBuffer buffer() {
        if (bytes == null) {
            throw new IllegalStateException("storage " + key + " has no data yet");
        }
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies {@code length} bytes starting at byte {@code from}. */
    public byte[] copyBytes(long from, long length) {
        buffer(); // fails clearly when empty
        byte[] out = new byte[Math.toIntExact(length)];
        System.arraycopy(bytes, Math.toIntExact(from), out, 0, out.length);
        return out;
    }

    /** Reverses the byte order of every element (files written on a big-endian machine). */
    static void swapToLittleEndian(byte[] data, int elementSize) {
        for (int base = 0; base + elementSize <= data.length; base += elementSize) {
            for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
                byte t = data[base + i];
                data[base + i] = data[base + j];
                data[base + j] = t;
            }
        }
    }

    @Override
    public String toString() {
        return "Storage[" + key + ", " + dtype + " x " + numel + "]";
    }
}
