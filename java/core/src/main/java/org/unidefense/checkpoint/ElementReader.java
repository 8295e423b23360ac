package org.unidefense.checkpoint;

import java.nio.ByteBuffer;

/** Decodes one element of a little-endian storage buffer, for every {@link DType}. */
final class ElementReader {
    private ElementReader() {
    }

    static double asDouble(ByteBuffer b, DType dtype, long index) {
        int at = Math.toIntExact(index * dtype.elementSize());
        switch (dtype) {
            case FLOAT32: return b.getFloat(at);
            case FLOAT64: return b.getDouble(at);
            case FLOAT16: return halfToFloat(b.getShort(at));
            case BFLOAT16: return Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            default: return asLong(b, dtype, index);
        }
    }

    static long asLong(ByteBuffer b, DType dtype, long index) {
        int at = Math.toIntExact(index * dtype.elementSize());
        switch (dtype) {
            case INT64: return b.getLong(at);
            case INT32: return b.getInt(at);
            case INT16: return b.getShort(at);
            case INT8: return b.get(at);
            case UINT8: return b.get(at) & 0xff;
            case BOOL: return b.get(at) != 0 ? 1 : 0;
            default: throw new IllegalStateException(dtype + " is not an integer type");
        }
    }

    /** IEEE 754 binary16 to float32 (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal: exact
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
