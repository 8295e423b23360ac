package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unpickler against pickles that CPython 3.11 wrote (the hex below is
 * {@code pickle.dumps(value, protocol=N).hex()} of the value in each comment).
 */
class UnpicklerTest {
    private static final String X300 = "78".repeat(300);

    static Object load(String hex) {
        try {
            return new Unpickler(new ByteArrayInputStream(HexFormat.of().parseHex(hex)), pid -> {
                throw new AssertionError("no persistent ids here");
            }).load();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void protocol4ValuesOfEveryKind() {
        // [1, -2, 300, 70000, -70000, 2**40, 2**70, -2**70, 1.5, 'héllo', b'ab', b'x'*300, (), (1,), (1,2),
        //  (1,2,3), (1,2,3,4), {'a': None, 'b': True, 'c': False}, {(1,'k'): 'tuple key'}, frozenset([3]), {4},
        //  'x'*300]
        List<?> v = (List<?>) load("80049505030000000000005d94284b014afeffffff4d2c014a701101004a90eefeff8a0600000000"
                + "00018a090000000000000000408a090000000000000000c0473ff80000000000008c0668c3a96c6c6f944302616294422c010000"
                + X300 + "94294b0185944b014b0286944b014b024b038794284b014b024b034b0474947d94288c0161944e8c016294888c016394"
                + "89757d944b018c016b9486948c097475706c65206b65799473284b0391948f94284b0490582c010000" + X300 + "94652e");
        BigInteger two70 = BigInteger.TWO.pow(70);
        assertEquals(List.of(1L, -2L, 300L, 70000L, -70000L, 1L << 40, two70, two70.negate(), 1.5, "héllo"),
                v.subList(0, 10));
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), (byte[]) v.get(10));
        assertEquals(300, ((byte[]) v.get(11)).length);
        assertEquals(PyTuple.of(), v.get(12));
        assertEquals(PyTuple.of(1L), v.get(13));
        assertEquals(PyTuple.of(1L, 2L), v.get(14));
        assertEquals(PyTuple.of(1L, 2L, 3L), v.get(15));
        assertEquals(PyTuple.of(1L, 2L, 3L, 4L), v.get(16));
        Map<?, ?> abc = (Map<?, ?>) v.get(17);
        assertEquals(List.of("a", "b", "c"), List.copyOf(abc.keySet()));
        assertEquals(Arrays.asList(null, true, false), new java.util.ArrayList<>(abc.values()));
        assertEquals(Map.of(PyTuple.of(1L, "k"), "tuple key"), v.get(18));
        assertEquals(Set.of(3L), v.get(19));
        assertEquals(Set.of(4L), v.get(20));
        assertEquals("x".repeat(300), v.get(21));
        assertEquals(22, v.size());
    }

    @Test
    void protocol1() {
        // [1, 'a', True, 2.5, (1,2), {'k': [3]}]
        assertEquals(List.of(1L, "a", true, 2.5, PyTuple.of(1L, 2L), Map.of("k", List.of(3L))),
                load("5d7100284b0158010000006171014930310a474004000000000000284b014b027471027d710358010000006b71045d"
                        + "71054b036173652e"));
    }

    @Test
    void protocol0() {
        // [1, 'a', True, 2.5, 2**70, None, (1,2)]: text opcodes, PUT, True as INT 01
        assertEquals(Arrays.asList(1L, "a", true, 2.5, BigInteger.TWO.pow(70), null, PyTuple.of(1L, 2L)),
                load("286c70300a49310a6156610a70310a614930310a6146322e350a614c3131383035393136"
                        + "32303731373431313330333432344c0a614e612849310a49320a7470320a612e"));
    }

    @Test
    void stackOperationsAndPython2Strings() {
        // MARK 1 2 POP_MARK; MARK 'ab' (Python 2 SHORT_BINSTRING) DUP POP LIST
        assertEquals(List.of("ab"), load("8002" + "284b014b0231" + "28550261623230" + "6c" + "2e"));
        // BINSTRING 'c', BINBYTES8 b'z', BINUNICODE8 'u', TUPLE3
        PyTuple t = (PyTuple) load("8002" + "540100000063" + "8e01000000000000007a" + "8d010000000000000075" + "872e");
        assertEquals("c", t.get(0));
        assertArrayEquals(new byte[]{'z'}, (byte[]) t.get(1));
        assertEquals("u", t.get(2));
        assertEquals("(c, [B", t.toString().substring(0, 6));
    }

    @Test
    void truncatedAndMalformedPicklesAreRejected() {
        assertThrows(java.io.UncheckedIOException.class, () -> load("80025d"));          // no STOP
        assertThrows(java.io.UncheckedIOException.class, () -> load("8002580a000000616263"));  // short string
        PickleException e = assertThrows(PickleException.class, () -> load("8002ff2e"));
        assertTrue(e.getMessage().contains("unsupported pickle opcode 0xff"), e.getMessage());
        e = assertThrows(PickleException.class, () -> load("800268052e"));             // BINGET of nothing
        assertTrue(e.getMessage().contains("memo has no entry 5"), e.getMessage());
        e = assertThrows(PickleException.class, () -> load("8002302e"));               // POP on empty stack
        assertTrue(e.getMessage().contains("stack underflow"), e.getMessage());
        e = assertThrows(PickleException.class, () -> load("80024b014b02522e"));       // REDUCE on an int
        assertTrue(e.getMessage().contains("cannot call"), e.getMessage());
        e = assertThrows(PickleException.class, () -> load("80027d4b01752e"));         // SETITEMS odd
        assertTrue(e.getMessage().contains("no MARK") || e.getMessage().contains("odd"), e.getMessage());
        e = assertThrows(PickleException.class, () -> load("80024b014b02612e"));       // APPEND to an int
        assertTrue(e.getMessage().contains("expected a list"), e.getMessage());
    }

    @Test
    void forbiddenGlobalsAreRefusedBeforeUse() {
        // GLOBAL os.system('ls') and STACK_GLOBAL builtins.eval: refused as soon as the name is read
        ForbiddenGlobalException e = assertThrows(ForbiddenGlobalException.class,
                () -> load("8002" + global("os", "system") + str("ls") + "85522e"));
        assertEquals("os.system", e.global());
        e = assertThrows(ForbiddenGlobalException.class,
                () -> load("80048c086275696c74696e73948c046576616c94932e"));
        assertEquals("builtins.eval", e.global());
    }

    @Test
    void orderedDictStateAndNumpyScalars() {
        // collections.OrderedDict() with items a=1 and BUILD {'_metadata': {'': {'version': 1}}}
        String hex = "8002" + global("collections", "OrderedDict") + "2952"
                + "28" + str("a") + "4b0175"
                + "7d" + str("_metadata") + "7d" + str("") + "7d" + str("version") + "4b01737373" + "622e";
        PyOrderedDict od = (PyOrderedDict) load(hex);
        assertEquals(Map.of("a", 1L), od);
        assertEquals(Map.of("", Map.of("version", 1L)), od.metadata().orElseThrow());
    }

    private static String global(String module, String name) {
        return "63" + HexFormat.of().formatHex((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static String str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return "58" + String.format("%02x000000", b.length) + HexFormat.of().formatHex(b);
    }
}
