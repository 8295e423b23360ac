package org.unidefense.checkpoint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python-style names and short renderings of unpickled values, for messages and the CLI. */
public final class PythonValues {
    private PythonValues() {
    }

    /** The Python type name of an unpickled value, e.g. {@code OrderedDict}, {@code tuple}, {@code Tensor}. */
    public static String typeName(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof PyOrderedDict) {
            return "OrderedDict";
        }
        if (v instanceof Map<?, ?>) {
            return "dict";
        }
        if (v instanceof PyTuple) {
            return "tuple";
        }
        if (v instanceof List<?>) {
            return "list";
        }
        if (v instanceof Set<?>) {
            return "set";
        }
        if (v instanceof StoredTensor) {
            return "Tensor";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof java.math.BigInteger) {
            return "int";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        return v.getClass().getSimpleName();
    }

    /** A one-line rendering: scalars in full, containers by type and size. */
    public static String brief(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
        }
        if (v instanceof Long || v instanceof Double || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof StoredTensor t) {
            return "Tensor " + t.dtype() + " " + java.util.Arrays.toString(t.shape());
        }
        if (v instanceof Map<?, ?> m) {
            return typeName(v) + " of " + m.size() + " entries";
        }
        if (v instanceof PyTuple t) {
            return "tuple of " + t.size() + " items";
        }
        if (v instanceof List<?> l) {
            return "list of " + l.size() + " items";
        }
        if (v instanceof Set<?> s) {
            return "set of " + s.size() + " items";
        }
        if (v instanceof byte[] b) {
            return "bytes of length " + b.length;
        }
        return typeName(v);
    }
}
