package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Less common opcodes and every rejection path of the allow-listed globals, on crafted pickles. */
class PickleEdgeCasesTest {
    @TempDir
    Path dir;

    /** Loads with torch.save's persistent-id rules (storages without data). */
    private static Object load(byte[] pickle) {
        try {
            return new Unpickler(new ByteArrayInputStream(pickle), new PersistentStorages(s -> { })::resolve).load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rejects(PickleBytes p, String fragment) {
        PickleException e = assertThrows(PickleException.class, () -> load(p.stop()));
        assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void lessCommonValueOpcodes() {
        // LONG4 of -2**40, BYTEARRAY8, DICT, PUT/GET (text), UNICODE with escapes, NEWOBJ and NEWOBJ_EX
        Object v = load(PickleBytes.proto2().op('(')
                .hex("8b060000000000000000ff").hex("9602000000000000000102")
                .op('(').str("k").integer(1).op('d')
                .str("memo").hex("70370a").hex("30").hex("67370a")
                .hex("56").hex("68 5c7530306539 5c55303030316636303020".replace(" ", "")).hex("0a")
                .global("collections", "OrderedDict").op(')').hex("81")
                .global("collections", "OrderedDict").op(')').op('}').hex("92")
                .global("collections", "OrderedDict").op(']').str("a").integer(1).hex("86").op('a')
                .hex("85").op('R')
                .hex("8a00")
                .op('l').stop());
        List<?> l = (List<?>) v;
        assertEquals(BigInteger.valueOf(-(1L << 40)).longValue(), l.get(0));
        assertArrayEquals(new byte[]{1, 2}, (byte[]) l.get(1));
        assertEquals(Map.of("k", 1L), l.get(2));
        assertEquals("memo", l.get(3));
        assertEquals("hé\uD83D\uDE00 ", l.get(4));
        assertEquals(new PyOrderedDict(), l.get(5));
        assertEquals(new PyOrderedDict(), l.get(6));
        assertEquals(Map.of("a", 1L), l.get(7));
        assertEquals(0L, l.get(8));
        assertEquals(9, l.size());
    }

    @Test
    void malformedStructures() {
        rejects(PickleBytes.proto2().op('(').integer(1).op('d'), "odd number of items");
        rejects(PickleBytes.proto2().integer(1).str("k").integer(2).op('s'), "expected a dict");
        rejects(PickleBytes.proto2().op(']').op('(').integer(1).hex("90"), "expected a set");
        rejects(PickleBytes.proto2().str("m").integer(2).hex("93"), "expected a str");
        rejects(PickleBytes.proto2().op(']').op('}').op('b'), "cannot set state on");
        rejects(PickleBytes.proto2().global("collections", "OrderedDict").integer(1).op('R'), "non-tuple arguments");
        rejects(PickleBytes.proto2().global("collections", "OrderedDict").op(')').op('}').str("x").integer(1).op('s')
                .hex("92"), "keyword arguments");
        rejects(PickleBytes.proto2().hex("58ffffffff"), "implausible length");
        rejects(PickleBytes.proto2().op('c').hex("61".repeat(1001)), "longer than 1000 bytes");
        rejects(PickleBytes.proto2().global("collections", "OrderedDict").op(']').integer(1).op('a').hex("85")
                .op('R'), "not a key-value pair");
        rejects(PickleBytes.proto2().global("collections", "OrderedDict").integer(1).integer(2).hex("86").op('R'),
                "OrderedDict called with 2 arguments");
    }

    @Test
    void tensorRebuildArgumentChecks() {
        PickleBytes rebuild = PickleBytes.proto2().global("torch._utils", "_rebuild_tensor_v2");
        rejects(rebuild.integer(1).hex("85").op('R'), "_rebuild_tensor_v2 called with 1 arguments");
        rejects(PickleBytes.proto2().global("torch._utils", "_rebuild_tensor").op('(').integer(0).integer(0)
                .op(')').op(')').op('t').op('R'), "expects a storage");
        rejects(PickleBytes.proto2().global("torch._utils", "_rebuild_parameter").op('(').integer(0)
                .hex("89").op('}').op('t').op('R'), "expects a tensor");
        rejects(PickleBytes.proto2().global("torch._utils", "_rebuild_tensor").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(2).op('t').op('Q')
                .str("0").op(')').op(')').op('t').op('R'), "expected an int");
        rejects(PickleBytes.proto2().global("torch._utils", "_rebuild_tensor").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(2).op('t').op('Q')
                .integer(0).integer(2).op(')').op('t').op('R'), "expected a tuple of ints");
        rejects(PickleBytes.proto2().global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("0").str("cpu").integer(2).op('t').op('Q')
                .integer(0).op(')').op(')').integer(1).op('}').op('t').op('R'), "expected a bool");
    }

    @Test
    void persistentIdChecks() {
        rejects(PickleBytes.proto2().integer(3).op('Q'), "unexpected persistent id");
        rejects(PickleBytes.proto2().op('(').str("blob").integer(1).integer(1).integer(1).integer(1).op('t').op('Q'),
                "unexpected persistent id kind blob");
        rejects(PickleBytes.proto2().op('(').str("storage").integer(1).str("k").str("cpu").integer(1).op('t')
                .op('Q'), "names no storage type");
        rejects(PickleBytes.proto2().op('(').str("storage").global("torch", "FloatStorage").str("k").str("cpu")
                .integer(-1).op('t').op('Q'), "storage k");
        rejects(PickleBytes.proto2().op('(').str("storage").global("torch", "FloatStorage").str("k").str("cpu")
                .integer(1).op('t').op('Q')
                .op('(').str("storage").global("torch", "LongStorage").str("k").str("cpu").integer(1).op('t').op('Q'),
                "named as both float32 and int64");
        rejects(PickleBytes.proto2().op('(').str("storage").global("torch", "FloatStorage").str("k").str("cpu")
                .integer(1).integer(5).op('t').op('Q'), "bad storage view");
        Object untyped = load(PickleBytes.proto2().op('(').str("storage").global("torch.storage", "UntypedStorage")
                .str("u").str("cpu").integer(3).op('t').op('Q').stop());
        assertEquals(DType.UINT8, ((Storage) untyped).dtype());
        assertEquals(3, ((Storage) untyped).nbytes());
    }

    private static PickleBytes numpyScalar(String code, String order, String rawHex) {
        PickleBytes p = PickleBytes.proto2().global("numpy.core.multiarray", "scalar")
                .global("numpy", "dtype").str(code).hex("8988").hex("87").op('R')
                .op('(').integer(3).str(order).hex("4e4e4e").integer(-1).integer(-1).integer(0).op('t').op('b')
                .global("_codecs", "encode");
        StringBuilder latin = new StringBuilder();
        byte[] raw = java.util.HexFormat.of().parseHex(rawHex);
        for (byte b : raw) {
            latin.append((char) (b & 0xff));
        }
        return p.str(latin.toString()).str("latin1").hex("86").op('R').hex("86").op('R');
    }

    @Test
    void numpyScalarsOfEachKind() {
        assertEquals(0.875, load(numpyScalar("f8", "<", "000000000000ec3f").stop()));
        assertEquals(0.875, load(numpyScalar("f8", ">", "3fec000000000000").stop()));
        assertEquals(-1.5, load(numpyScalar("f4", "<", "0000c0bf").stop()));
        assertEquals(1.0, load(numpyScalar("f2", "<", "003c").stop()));
        assertEquals(-7L, load(numpyScalar("i8", "<", "f9ffffffffffffff").stop()));
        assertEquals(-7L, load(numpyScalar("i4", "<", "f9ffffff").stop()));
        assertEquals(-7L, load(numpyScalar("i2", "<", "f9ff").stop()));
        assertEquals(-7L, load(numpyScalar("i1", "|", "f9").stop()));
        assertEquals(4294967289L, load(numpyScalar("u4", "<", "f9ffffff").stop()));
        assertEquals(65529L, load(numpyScalar("u2", "<", "f9ff").stop()));
        assertEquals(249L, load(numpyScalar("u1", "|", "f9").stop()));
        assertEquals(true, load(numpyScalar("b1", "|", "01").stop()));
        rejects(numpyScalar("c16", "<", "00000000000000000000000000000000"), "unsupported numpy scalar type c16");
        rejects(PickleBytes.proto2().global("_codecs", "encode").str("x").str("utf8").hex("86").op('R'),
                "only allowed as encode(str, 'latin1')");
        rejects(PickleBytes.proto2().global("numpy", "dtype").integer(1).hex("85").op('R'), "numpy.dtype called");
        rejects(PickleBytes.proto2().global("numpy", "dtype").str("f8").hex("85").op('R').integer(1).op('b'),
                "unexpected numpy dtype state");
        rejects(PickleBytes.proto2().global("numpy.core.multiarray", "scalar").integer(1).integer(2).hex("86")
                .op('R'), "numpy scalar called");
    }

    @Test
    void fileLevelStateDictLookups() throws IOException {
        Map<Object, Object> root = new java.util.LinkedHashMap<>();
        root.put("ema", Map.of("w", StoredTensor.ofFloats(new float[]{1}, 1)));
        root.put("student", Map.of("w", StoredTensor.ofFloats(new float[]{2}, 1)));
        root.put("step", 3L);
        Path p = dir.resolve("two.pt");
        TorchSaveWriter.write(root, p);
        TorchSaveFile f = TorchSaveFile.read(p);
        UserInputException e = assertThrows(UserInputException.class, f::stateDict);
        assertTrue(e.getMessage().contains("several entries hold state dicts [ema, student]"), e.getMessage());
        assertEquals(2f, f.stateDict("student").get("w").toFloats()[0]);
        e = assertThrows(UserInputException.class, () -> f.stateDict("teacher"));
        assertTrue(e.getMessage().contains("no top-level key 'teacher'; found a dict with keys [ema, student, step]"),
                e.getMessage());
        e = assertThrows(UserInputException.class, () -> f.stateDict("step"));
        assertTrue(e.getMessage().contains(p + " [step]: expected a state dict"), e.getMessage());

        Path list = dir.resolve("list.pt");
        TorchSaveWriter.write(List.of(1L, "a"), list);
        e = assertThrows(UserInputException.class, () -> TorchSaveFile.read(list).stateDict());
        assertTrue(e.getMessage().contains("holds no state dict (a dict of tensor values); found a list"),
                e.getMessage());
        e = assertThrows(UserInputException.class, () -> TorchSaveFile.read(dir));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
        e = assertThrows(UserInputException.class, () -> TorchSaveWriter.write(new Object(), dir.resolve("o.pt")));
        assertTrue(e.getMessage().contains("cannot write a java.lang.Object"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("o.pt")));
    }

    @Test
    void pythonTypeNames() {
        assertEquals("None", PythonValues.typeName(null));
        assertEquals("OrderedDict", PythonValues.typeName(new PyOrderedDict()));
        assertEquals("dict", PythonValues.typeName(Map.of()));
        assertEquals("tuple", PythonValues.typeName(PyTuple.of()));
        assertEquals("list", PythonValues.typeName(List.of()));
        assertEquals("set", PythonValues.typeName(java.util.Set.of()));
        assertEquals("Tensor", PythonValues.typeName(StoredTensor.ofLongs(new long[]{1})));
        assertEquals("str", PythonValues.typeName(""));
        assertEquals("bool", PythonValues.typeName(true));
        assertEquals("int", PythonValues.typeName(1L));
        assertEquals("float", PythonValues.typeName(1.0));
        assertEquals("bytes", PythonValues.typeName(new byte[0]));
        assertEquals("Storage", PythonValues.typeName(Storage.of("k", DType.UINT8, new byte[0])));
        assertEquals("Storage", PythonValues.brief(Storage.of("k", DType.UINT8, new byte[0])));
    }
}
