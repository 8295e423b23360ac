package org.unidefense.checkpoint;

import java.util.Optional;

/**
 * The element types a {@code torch.save} file can hold, named as PyTorch prints them.
 * Each maps to the legacy typed-storage class that the pickle names ({@code torch.FloatStorage}
 * and so on), which is how a file tells the dtype of its raw storage bytes.
 */
public enum DType {
    FLOAT32("float32", 4, "FloatStorage", true),
    FLOAT64("float64", 8, "DoubleStorage", true),
    FLOAT16("float16", 2, "HalfStorage", true),
    BFLOAT16("bfloat16", 2, "BFloat16Storage", true),
    INT64("int64", 8, "LongStorage", false),
    INT32("int32", 4, "IntStorage", false),
    INT16("int16", 2, "ShortStorage", false),
    INT8("int8", 1, "CharStorage", false),
    UINT8("uint8", 1, "ByteStorage", false),
    BOOL("bool", 1, "BoolStorage", false);

    private final String pythonName;
    private final int elementSize;
    private final String storageClass;
    private final boolean floating;

    DType(String pythonName, int elementSize, String storageClass, boolean floating) {
        this.pythonName = pythonName;
        this.elementSize = elementSize;
        this.storageClass = storageClass;
        this.floating = floating;
    }

    /** The name PyTorch prints, e.g. {@code float32}. */
    public String pythonName() {
        return pythonName;
    }

    public int elementSize() {
        return elementSize;
    }

    /** The class name under {@code torch.} that pickles name for a storage of this type. */
    public String storageClass() {
        return storageClass;
    }

    /** True for the floating-point types, whose elements count as trainable parameters. */
    public boolean isFloating() {
        return floating;
    }

    public static Optional<DType> ofStorageClass(String name) {
        for (DType d : values()) {
            if (d.storageClass.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return pythonName;
    }
}
