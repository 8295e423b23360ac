package org.unidefense.checkpoint;

import java.util.List;

/**
 * A Python tuple read from a pickle. Kept apart from {@link java.util.List} (Python lists)
 * so callers can tell the two apart, and usable as a map key (dict keys may be tuples).
 */
public record PyTuple(List<Object> items) {
    public PyTuple {
        items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(java.util.Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(items.get(i));
        }
        return sb.append(items.size() == 1 ? ",)" : ")").toString();
    }
}
