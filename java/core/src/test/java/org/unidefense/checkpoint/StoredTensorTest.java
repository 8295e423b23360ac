package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Element decoding, view arithmetic and state-dict views, checked against hand-computed values. */
class StoredTensorTest {
    private static short[] halves(int... bits) {
        short[] s = new short[bits.length];
        for (int i = 0; i < bits.length; i++) {
            s[i] = (short) bits[i];
        }
        return s;
    }

    private static StoredTensor of16(DType d, int... bits) {
        ByteBuffer b = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : halves(bits)) {
            b.putShort(s);
        }
        return StoredTensor.contiguous(Storage.of("h", d, b.array()), bits.length);
    }

    @Test
    void float16AndBfloat16Decoding() {
        // IEEE binary16: 1, -2, 65504 (max), 2^-24 (smallest subnormal), +inf, 0.5 (0x3800)
        float[] h = of16(DType.FLOAT16, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x3800).toFloats();
        assertArrayEquals(new float[]{1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY, 0.5f}, h);
        assertTrue(Float.isNaN(of16(DType.FLOAT16, 0x7e00).toFloats()[0]));
        assertEquals(-0f, of16(DType.FLOAT16, 0x8000).toFloats()[0]);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(of16(DType.FLOAT16, 0x8000).toFloats()[0]));
        // bfloat16 is the upper half of a float32: 0x3f80 = 1.0, 0xc0a0 = -5.0
        assertArrayEquals(new float[]{1f, -5f}, of16(DType.BFLOAT16, 0x3f80, 0xc0a0).toFloats());
        assertThrows(IllegalStateException.class, () -> of16(DType.BFLOAT16, 0x3f80).toLongs());
    }

    @Test
    void viewArithmetic() {
        Storage s = StoredTensor.ofFloats(new float[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 12).storage();
        StoredTensor t = new StoredTensor(s, 1, new long[]{2, 3}, new long[]{1, 4}, false); // a transposed window
        assertEquals(1 + 1 + 2 * 4, t.extent());
        assertArrayEquals(new float[]{1, 5, 9, 2, 6, 10}, t.toFloats());
        assertFalse(t.isContiguous());
        ByteBuffer b = ByteBuffer.wrap(t.contiguousBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5f, b.getFloat(4));
        assertTrue(t.toString().contains("float32 [2, 3]"));
        assertThrows(IllegalArgumentException.class, () -> new StoredTensor(s, 3, new long[]{10}, new long[]{1}, false));
        assertThrows(IllegalArgumentException.class, () -> new StoredTensor(s, 0, new long[]{2}, new long[]{1, 1}, false));
        assertThrows(IllegalArgumentException.class, () -> new StoredTensor(s, 0, new long[]{-1}, new long[]{1}, false));
        assertThrows(IllegalArgumentException.class, () -> StoredTensor.contiguous(s, 5));
        assertThrows(IllegalArgumentException.class, () -> Storage.of("x", DType.INT32, new byte[3]));
        assertEquals(0, new StoredTensor(s, 12, new long[]{0}, new long[]{1}, false).extent());
    }

    @Test
    void integerDecoding() {
        byte[] raw = {(byte) 0xff, 0x7f, 0, (byte) 0x80};
        assertArrayEquals(new long[]{255, 127, 0, 128}, StoredTensor.contiguous(Storage.of("u", DType.UINT8, raw), 4).toLongs());
        assertArrayEquals(new long[]{-1, 127, 0, -128}, StoredTensor.contiguous(Storage.of("i", DType.INT8, raw), 4).toLongs());
        assertArrayEquals(new long[]{1, 1, 0, 1}, StoredTensor.contiguous(Storage.of("b", DType.BOOL, raw), 4).toLongs());
        // little-endian: ff 7f → 0x7fff, 00 80 → 0x8000; all four → 0x80007fff
        assertArrayEquals(new long[]{32767, -32768}, StoredTensor.contiguous(Storage.of("s", DType.INT16, raw), 2).toLongs());
        assertArrayEquals(new long[]{-2147450881L}, StoredTensor.contiguous(Storage.of("w", DType.INT32, raw), 1).toLongs());
    }

    @Test
    void stateDictViewsAndMessages() {
        PyOrderedDict od = new PyOrderedDict();
        od.put("w", StoredTensor.ofFloats(new float[]{1, 2}, 2));
        od.put("n", StoredTensor.ofLongs(new long[]{7}));
        od.attributes().put("_metadata", Map.of("", Map.of("version", 1L)));
        assertTrue(StateDict.isStateDict(od));
        StateDict sd = StateDict.of(od, "file.pt");
        assertEquals(List.of("w", "n"), List.copyOf(sd.keys()));
        assertEquals(2, sd.floatingElements());
        assertEquals(1, sd.integerElements());
        assertEquals(2, sd.distinctStorages());
        assertTrue(sd.metadata().isPresent());
        UserInputException e = assertThrows(UserInputException.class, () -> sd.get("missing"));
        assertTrue(e.getMessage().contains("'missing'"));

        assertFalse(StateDict.isStateDict(Map.of()));
        assertFalse(StateDict.isStateDict(List.of()));
        assertFalse(StateDict.isStateDict(Map.of("step", 3L)));
        e = assertThrows(UserInputException.class, () -> StateDict.of(Map.of("step", 3L), "ck.pt [model]"));
        assertEquals("ck.pt [model]: state dict entry 'step' is 3, not a tensor", e.getMessage());
        e = assertThrows(UserInputException.class, () -> StateDict.of(List.of(), "x.pt"));
        assertTrue(e.getMessage().contains("found list of 0 items"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> StateDict.of(Map.of(1L, od.get("w")), "x.pt"));
        assertTrue(e.getMessage().contains("key 1 is not a string"), e.getMessage());
    }

    @Test
    void pythonValueRenderings() {
        assertEquals("None", PythonValues.brief(null));
        assertEquals("True", PythonValues.brief(true));
        assertEquals("'abc'", PythonValues.brief("abc"));
        assertEquals(60, PythonValues.brief("x".repeat(100)).length() - 2);
        assertEquals("0.5", PythonValues.brief(0.5));
        assertEquals("tuple of 2 items", PythonValues.brief(PyTuple.of(1L, 2L)));
        assertEquals("set of 1 items", PythonValues.brief(java.util.Set.of(1L)));
        assertEquals("bytes of length 3", PythonValues.brief(new byte[3]));
        assertEquals("dict of 0 entries", PythonValues.brief(Map.of()));
        assertEquals("OrderedDict of 0 entries", PythonValues.brief(new PyOrderedDict()));
        assertEquals("Tensor int64 [1]", PythonValues.brief(StoredTensor.ofLongs(new long[]{1}, 1)));
        assertEquals("int", PythonValues.typeName(java.math.BigInteger.TEN));
        assertEquals("(1,)", PyTuple.of(1L).toString());
        assertEquals("(1, 2)", PyTuple.of(1L, 2L).toString());
    }
}
