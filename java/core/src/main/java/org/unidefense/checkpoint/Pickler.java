package org.unidefense.checkpoint;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes values as a protocol-2 pickle the way {@code torch.save} does, with tensors as
 * {@code torch._utils._rebuild_tensor_v2} calls on persistent storage ids. Storages are
 * numbered in the order first met; tensors sharing a storage keep sharing it.
 */
final class Pickler {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<Storage, String> storageKeys = new IdentityHashMap<>();
    private final Map<String, Storage> storagesByKey = new LinkedHashMap<>();

    /** Storages written so far by key, in the order first met. */
    Map<String, Storage> storages() {
        return storagesByKey;
    }

    byte[] pickle(Object value) {
        out.reset();
        out.write(0x80);
        out.write(2);
        write(value);
        out.write('.');
        return out.toByteArray();
    }

    private void write(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            writeInt(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            writeLong1(bi);
        } else if (v instanceof Double || v instanceof Float) {
            out.write('G');
            writeBig8(Double.doubleToLongBits(((Number) v).doubleValue()));
        } else if (v instanceof String s) {
            writeString(s);
        } else if (v instanceof StoredTensor t) {
            writeTensor(t);
        } else if (v instanceof PyTuple t) {
            writeTuple(t.items());
        } else if (v instanceof List<?> l) {
            out.write(']');
            if (!l.isEmpty()) {
                out.write('(');
                l.forEach(this::write);
                out.write('e');
            }
        } else if (v instanceof PyOrderedDict od) {
            writeGlobal("collections", "OrderedDict");
            out.write(')');
            out.write('R');
            writeItems(od);
            if (!od.attributes().isEmpty()) {
                write(new LinkedHashMap<Object, Object>(od.attributes()));
                out.write('b');
            }
        } else if (v instanceof Map<?, ?> m) {
            out.write('}');
            writeItems(m);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " to a torch.save file");
        }
    }

    private void writeItems(Map<?, ?> m) {
        if (m.isEmpty()) {
            return;
        }
        out.write('(');
        for (Map.Entry<?, ?> e : m.entrySet()) {
            write(e.getKey());
            write(e.getValue());
        }
        out.write('u');
    }

    private void writeTuple(List<?> items) {
        switch (items.size()) {
            case 0: out.write(')'); return;
            case 1: write(items.get(0)); out.write(0x85); return;
            case 2: write(items.get(0)); write(items.get(1)); out.write(0x86); return;
            case 3: write(items.get(0)); write(items.get(1)); write(items.get(2)); out.write(0x87); return;
            default:
                out.write('(');
                items.forEach(this::write);
                out.write('t');
        }
    }

    private void writeTensor(StoredTensor t) {
        boolean parameter = t.requiresGrad();
        if (parameter) {
            writeGlobal("torch._utils", "_rebuild_parameter");
            out.write('(');
        }
        writeGlobal("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        writeStorageId(t.storage());
        writeInt(t.storageOffset());
        writeTuple(boxed(t.shape()));
        writeTuple(boxed(t.stride()));
        out.write(0x89); // requires_grad of the data tensor itself
        writeEmptyOrderedDict(); // backward hooks
        out.write('t');
        out.write('R');
        if (parameter) {
            out.write(0x88);
            writeEmptyOrderedDict();
            out.write('t');
            out.write('R');
        }
    }

    private void writeStorageId(Storage s) {
        String key = storageKeys.get(s);
        if (key == null) {
            key = Integer.toString(storageKeys.size());
            storageKeys.put(s, key);
            storagesByKey.put(key, s);
        }
        out.write('(');
        writeString("storage");
        writeGlobal("torch", s.dtype().storageClass());
        writeString(key);
        writeString("cpu");
        writeInt(s.numel());
        out.write('t');
        out.write('Q');
    }

    private void writeEmptyOrderedDict() {
        writeGlobal("collections", "OrderedDict");
        out.write(')');
        out.write('R');
    }

    private void writeGlobal(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        writeLittle(b.length, 4);
        out.writeBytes(b);
    }

    private void writeInt(long v) {
        if (v >= 0 && v < 0x100) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 0x10000) {
            out.write('M');
            writeLittle(v, 2);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            writeLittle(v, 4);
        } else {
            writeLong1(BigInteger.valueOf(v));
        }
    }

    private void writeLong1(BigInteger v) {
        byte[] be = v.toByteArray(); // minimal two's complement, big-endian
        if (be.length > 255) {
            throw new IllegalArgumentException("integer too large to write: " + v);
        }
        out.write(0x8a);
        out.write(be.length);
        for (int i = be.length - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private void writeLittle(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private void writeBig8(long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static List<Object> boxed(long[] a) {
        Object[] o = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            o[i] = a[i];
        }
        return List.of(o);
    }
}
