package org.unidefense.checkpoint;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one pickle (up to its STOP opcode) into plain Java values: None → null, bool →
 * Boolean, int → Long (BigInteger past 64 bits), float → Double, str → String, bytes →
 * byte[], list → List, tuple → {@link PyTuple}, dict → Map, set → Set, OrderedDict →
 * {@link PyOrderedDict}, tensors → {@link StoredTensor}.
 *
 * <p>Covers the opcodes of protocols 2 to 5 that {@code torch.save} and Python containers
 * produce. Globals go through {@link AllowedGlobals}; no other code is ever run.
 */
final class Unpickler {
    private final InputStream in;
    private final Function<Object, Object> persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long position;

    Unpickler(InputStream in, Function<Object, Object> persistentLoad) {
        this.in = in;
        this.persistentLoad = persistentLoad;
    }

    Object load() throws IOException {
        while (true) {
            long at = position;
            int op = readUnsigned();
            try {
                if (op == '.') {
                    return pop();
                }
                dispatch(op);
            } catch (PickleException | ForbiddenGlobalException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new PickleException("at byte " + at + " (opcode 0x" + Integer.toHexString(op) + "): " + e, e);
            }
        }
    }

    private void dispatch(int op) throws IOException {
        switch (op) {
            case 0x80: readUnsigned(); break;                      // PROTO: any version we understand
            case 0x95: readLittle(8); break;                       // FRAME: only a length hint
            case '(': marks.push(stack.size()); break;              // MARK
            case 'N': push(null); break;
            case 0x88: push(Boolean.TRUE); break;
            case 0x89: push(Boolean.FALSE); break;
            case 'K': push((long) readUnsigned()); break;           // BININT1
            case 'M': push(readLittle(2)); break;                   // BININT2
            case 'J': push((long) (int) readLittle(4)); break;      // BININT
            case 0x8a: push(readLong(readUnsigned())); break;       // LONG1
            case 0x8b: push(readLong(length((int) readLittle(4)))); break; // LONG4
            case 'G': push(Double.longBitsToDouble(readBig8())); break; // BINFLOAT
            case 'I': push(textInt(readLine())); break;             // INT (protocol 0)
            case 'L': push(textLong(readLine())); break;            // LONG (protocol 0)
            case 'F': push(Double.parseDouble(readLine())); break;  // FLOAT (protocol 0)
            case 'V': push(rawUnicodeEscape(readLine())); break;  // UNICODE (protocol 0)
            case 'X': push(utf8(readBytes(length(readLittle(4))))); break;     // BINUNICODE
            case 0x8c: push(utf8(readBytes(readUnsigned()))); break;          // SHORT_BINUNICODE
            case 0x8d: push(utf8(readBytes(length(readLittle(8))))); break;   // BINUNICODE8
            // Python 2 str: torch.load decodes it as UTF-8 by default.
            case 'T': push(utf8(readBytes(length((int) readLittle(4))))); break; // BINSTRING
            case 'U': push(utf8(readBytes(readUnsigned()))); break;             // SHORT_BINSTRING
            case 'B': push(readBytes(length(readLittle(4)))); break;           // BINBYTES
            case 'C': push(readBytes(readUnsigned())); break;                  // SHORT_BINBYTES
            case 0x8e: push(readBytes(length(readLittle(8)))); break;          // BINBYTES8
            case 0x96: push(readBytes(length(readLittle(8)))); break;          // BYTEARRAY8
            case ')': push(PyTuple.of()); break;
            case 0x85: push(PyTuple.of(pop())); break;
            case 0x86: { Object b = pop(); Object a = pop(); push(PyTuple.of(a, b)); break; }
            case 0x87: { Object c = pop(); Object b = pop(); Object a = pop(); push(PyTuple.of(a, b, c)); break; }
            case 't': push(new PyTuple(popMark())); break;
            case ']': push(new ArrayList<>()); break;
            case 'l': push(new ArrayList<>(popMark())); break;
            case 'a': { Object v = pop(); list(peek()).add(v); break; }     // APPEND
            case 'e': { List<Object> items = popMark(); list(peek()).addAll(items); break; } // APPENDS
            case '}': push(new LinkedHashMap<>()); break;
            case 'd': push(toMap(popMark(), new LinkedHashMap<>())); break; // DICT
            case 's': { Object v = pop(); Object k = pop(); map(peek()).put(k, v); break; } // SETITEM
            case 'u': { List<Object> kv = popMark(); toMap(kv, map(peek())); break; }       // SETITEMS
            case 0x8f: push(new LinkedHashSet<>()); break;                                   // EMPTY_SET
            case 0x90: { List<Object> items = popMark(); set(peek()).addAll(items); break; } // ADDITEMS
            case 0x91: push(java.util.Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); break;
            case 'q': memo.put((long) readUnsigned(), peek()); break;   // BINPUT
            case 'r': memo.put(readLittle(4), peek()); break;            // LONG_BINPUT
            case 0x94: memo.put((long) memo.size(), peek()); break;      // MEMOIZE
            case 'p': memo.put(Long.parseLong(readLine()), peek()); break; // PUT
            case 'h': push(memoGet(readUnsigned())); break;              // BINGET
            case 'j': push(memoGet(readLittle(4))); break;               // LONG_BINGET
            case 'g': push(memoGet(Long.parseLong(readLine()))); break;  // GET
            case '0': pop(); break;                                      // POP
            case '1': popMark(); break;                                  // POP_MARK
            case '2': push(peek()); break;                               // DUP
            case 'c': push(AllowedGlobals.resolve(readLine(), readLine())); break; // GLOBAL
            case 0x93: { Object name = pop(); Object module = pop();     // STACK_GLOBAL
                push(AllowedGlobals.resolve(string(module), string(name))); break; }
            case 'Q': push(persistentLoad.apply(pop())); break;          // BINPERSID
            case 'R': { Object args = pop(); push(call(pop(), args)); break; }   // REDUCE
            case 0x81: { Object args = pop(); push(call(pop(), args)); break; }  // NEWOBJ
            case 0x92: { Object kwargs = pop(); Object args = pop();             // NEWOBJ_EX
                if (!(kwargs instanceof Map<?, ?> kw) || !kw.isEmpty()) {
                    throw new PickleException("keyword arguments are not supported: " + kwargs);
                }
                push(call(pop(), args)); break; }
            case 'b': { Object state = pop(); build(peek(), state); break; }   // BUILD
            default:
                throw new PickleException("unsupported pickle opcode 0x" + Integer.toHexString(op)
                        + " at byte " + (position - 1));
        }
    }

    private Object call(Object callable, Object args) {
        if (!(callable instanceof AllowedGlobals.Function f)) {
            throw new PickleException("cannot call " + AllowedGlobals.describe(callable));
        }
        if (!(args instanceof PyTuple t)) {
            throw new PickleException(f.qualifiedName() + " called with non-tuple arguments");
        }
        return f.call(t);
    }

    /** BUILD sets instance attributes; only an OrderedDict's (e.g. {@code _metadata}) are expected. */
    private static void build(Object target, Object state) {
        if (target instanceof NumpyScalars.NumpyDType d) {
            d.setState(state);
            return;
        }
        if (!(target instanceof PyOrderedDict od)) {
            throw new PickleException("cannot set state on " + AllowedGlobals.describe(target));
        }
        List<Object> parts = state instanceof PyTuple t ? t.items() : List.of(state);
        for (Object part : parts) {
            if (part == null) {
                continue;
            }
            for (Map.Entry<?, ?> e : map(part).entrySet()) {
                od.attributes().put(string(e.getKey()), e.getValue());
            }
        }
    }

    private static Map<Object, Object> toMap(List<Object> kv, Map<Object, Object> into) {
        if (kv.size() % 2 != 0) {
            throw new PickleException("odd number of items for a dict");
        }
        for (int i = 0; i < kv.size(); i += 2) {
            into.put(kv.get(i), kv.get(i + 1));
        }
        return into;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        if (o instanceof ArrayList<?> l) {
            return (List<Object>) l;
        }
        throw new PickleException("expected a list, got " + AllowedGlobals.describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new PickleException("expected a dict, got " + AllowedGlobals.describe(o));
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object o) {
        if (o instanceof LinkedHashSet<?> s) {
            return (Set<Object>) s;
        }
        throw new PickleException("expected a set, got " + AllowedGlobals.describe(o));
    }

    private static String string(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new PickleException("expected a str, got " + AllowedGlobals.describe(o));
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new PickleException("memo has no entry " + index);
        }
        return memo.get(index);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object peek() {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.peek() == stack.size())) {
            throw new PickleException("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new PickleException("no MARK on the stack");
        }
        int from = marks.pop();
        List<Object> tail = new ArrayList<>(stack.subList(from, stack.size()));
        stack.subList(from, stack.size()).clear();
        return tail;
    }

    private int readUnsigned() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the pickle ends at byte " + position + " before its STOP opcode");
        }
        position++;
        return b;
    }

    private long readLittle(int n) throws IOException {
        byte[] b = readBytes(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private long readBig8() throws IOException {
        byte[] b = readBytes(8);
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /** Python's two's-complement little-endian long: Long when it fits, else BigInteger. */
    private Object readLong(int n) throws IOException {
        byte[] le = readBytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private int length(long n) {
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new PickleException("implausible length " + n + " at byte " + position);
        }
        return (int) n;
    }

    byte[] readBytes(int n) throws IOException {
        byte[] out = in.readNBytes(n);
        position += out.length;
        if (out.length != n) {
            throw new EOFException("the pickle ends at byte " + position + " inside a " + n + "-byte field");
        }
        return out;
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = readUnsigned(); c != '\n'; c = readUnsigned()) {
            sb.append((char) c);
            if (sb.length() > 1000) {
                throw new PickleException("text line longer than 1000 bytes at byte " + position);
            }
        }
        return sb.toString();
    }

    private static Object textInt(String s) {
        // Protocol 0 spells True and False as INT 01 and 00.
        if (s.equals("01")) {
            return Boolean.TRUE;
        }
        if (s.equals("00")) {
            return Boolean.FALSE;
        }
        return textLong(s);
    }

    private static Object textLong(String s) {
        BigInteger v = new BigInteger(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** Python's raw-unicode-escape: latin-1 text with {@code \\uXXXX} and {@code \\UXXXXXXXX} escapes. */
    private static String rawUnicodeEscape(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            int digits = c == '\\' && i + 1 < line.length()
                    ? (line.charAt(i + 1) == 'u' ? 4 : line.charAt(i + 1) == 'U' ? 8 : 0) : 0;
            if (digits > 0 && i + 2 + digits <= line.length()) {
                sb.appendCodePoint(Integer.parseInt(line.substring(i + 2, i + 2 + digits), 16));
                i += 1 + digits;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
