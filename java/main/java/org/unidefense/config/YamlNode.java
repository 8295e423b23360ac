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

    /** "file:line" for messages. */
    default String where() {
        return file() + ":" + line();
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
