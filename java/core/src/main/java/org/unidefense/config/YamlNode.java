package org.unidefense.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it came from, so that every complaint about it can
 * name the file, the line and the key path ({@code config.optimizer.lr}).
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** The file the value was read from. */
    Path file();

    /** 1-based line where the value (or, for a block mapping or list, its key) starts. */
    int line();

    /** Dotted key path from the document root, e.g. {@code config.optimizer.lr} or {@code x.y[2]}. */
    String path();

    /** "file:line" for messages; just the source for values that come from no text ({@link #fromPlain}). */
    default String where() {
        return line() > 0 ? file() + ":" + line() : file().toString();
    }

    /** A YAML mapping; keys keep their order of appearance. */
    record Mapping(Path file, int line, String path, Map<String, YamlNode> entries) implements YamlNode {
    }

    /** A YAML list. */
    record Sequence(Path file, int line, String path, List<YamlNode> items) implements YamlNode {
    }

    /**
     * A YAML scalar: {@code value} is a String, Boolean, Long, Double or null, as YAML typed it
     * (so {@code "10"} stays a string while {@code 10} is a number).
     */
    record Scalar(Path file, int line, String path, Object value) implements YamlNode {
    }

    /** A short description of the node's kind and content for "found ..." in messages. */
    static String describe(YamlNode node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof Mapping) {
            return "a mapping";
        }
        if (node instanceof Sequence s) {
            return "a list of " + s.items().size();
        }
        Object v = ((Scalar) node).value();
        if (v == null) {
            return "null";
        }
        if (v instanceof String str) {
            return "the text \"" + str + "\"";
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        return "the number " + v;
    }

    /**
     * The inverse of {@link #toPlain}: plain values stored elsewhere (a checkpoint's dict, a
     * saved config) as a tree the config readers take, with the scalar types YAML gives
     * (whole numbers as Long, fractions as Double). Line 0: there is no line to name.
     */
    static YamlNode fromPlain(Path source, String path, Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, YamlNode> entries = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> entries.put(String.valueOf(k), fromPlain(source, path + "." + k, v)));
            return new Mapping(source, 0, path, entries);
        }
        if (value instanceof List<?> l) {
            List<YamlNode> items = new java.util.ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                items.add(fromPlain(source, path + "[" + i + "]", l.get(i)));
            }
            return new Sequence(source, 0, path, items);
        }
        Object v = value;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            v = ((Number) v).longValue();
        } else if (v instanceof Float f) {
            v = f.doubleValue();
        }
        return new Scalar(source, 0, path, v);
    }

    /** Converts to plain Java values (LinkedHashMap, List, scalars) for printing or pass-through. */
    static Object toPlain(YamlNode node) {
        if (node instanceof Mapping m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
            return out;
        }
        if (node instanceof Sequence s) {
            return s.items().stream().map(YamlNode::toPlain).toList();
        }
        return ((Scalar) node).value();
    }
}
