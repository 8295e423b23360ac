package org.unidefense.data.transform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.unidefense.UserInputException;

/**
 * Typed reading of one transform's {@code params} map (as parsed from YAML), with albumentations'
 * conventions for scalars-or-pairs, and errors that name the item, the transform and the key.
 * Every key read is remembered so {@link #requireNoOthers()} can reject misspelt parameters
 * (albumentations would fail with a TypeError on them too).
 */
final class TransformParams {
    private final String where;
    private final String transform;
    private final Map<String, ?> values;
    private final Set<String> known = new LinkedHashSet<>();

    TransformParams(String where, String transform, Map<String, ?> values) {
        this.where = where;
        this.transform = transform;
        this.values = values == null ? Map.of() : values;
    }

    String where() {
        return where;
    }

    double getDouble(String key, double fallback) {
        Object v = lookup(key);
        return v == null ? fallback : number(key, v);
    }

    int getInt(String key, int fallback) {
        Object v = lookup(key);
        return v == null ? fallback : integer(key, v);
    }

    int requireInt(String key) {
        Object v = lookup(key);
        if (v == null) {
            throw fail(key, "is required");
        }
        return integer(key, v);
    }

    boolean getBoolean(String key, boolean fallback) {
        Object v = lookup(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw fail(key, "must be true or false, got " + v);
    }

    /**
     * albumentations' {@code to_tuple(v, low)}: a pair stays as given; a scalar becomes
     * {@code (-v, v)} without {@code low}, else the ordered pair of {@code low} and {@code v}.
     */
    double[] getRange(String key, double[] fallback, Double low) {
        Object v = lookup(key);
        if (v == null) {
            return fallback.clone();
        }
        if (v instanceof List<?> list) {
            if (list.size() != 2) {
                throw fail(key, "must be a number or a pair [low, high], got " + v);
            }
            return new double[] {number(key, list.get(0)), number(key, list.get(1))};
        }
        double x = number(key, v);
        if (low == null) {
            return new double[] {-x, x};
        }
        return low < x ? new double[] {low, x} : new double[] {x, low};
    }

    /** Whether the key is given as a list (as opposed to absent or a single number). */
    boolean isList(String key) {
        return lookup(key) instanceof List<?>;
    }

    /** A per-channel list; a scalar is used for every channel, as NumPy broadcasting does. */
    double[] getPerChannel(String key, double[] fallback) {
        Object v = lookup(key);
        if (v == null) {
            return fallback.clone();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(key, list.get(i));
            }
            return out;
        }
        double x = number(key, v);
        return new double[] {x, x, x};
    }

    List<Map<String, Object>> requireSpecList(String key) {
        Object v = lookup(key);
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw fail(key, "must be a non-empty list of {name, params} items, got " + v);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw fail(key, "must hold {name, params} maps, got " + item);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) m;
            out.add(spec);
        }
        return out;
    }

    /** Rejects any key that the transform did not read. Call after reading all parameters. */
    void requireNoOthers() {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new UserInputException(prefix() + "unknown parameter '" + key
                        + "'; valid parameters: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    UserInputException fail(String key, String message) {
        return new UserInputException(prefix() + "parameter '" + key + "' " + message);
    }

    private String prefix() {
        return where + " (" + transform + "): ";
    }

    private Object lookup(String key) {
        known.add(key);
        return values.get(key);
    }

    private double number(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw fail(key, "must be a number, got " + v);
    }

    private int integer(String key, Object v) {
        double d = number(key, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw fail(key, "must be an integer, got " + v);
        }
        return (int) d;
    }
}
