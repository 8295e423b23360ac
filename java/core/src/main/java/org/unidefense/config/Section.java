package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed access to one YAML mapping (a "section" such as {@code config} or {@code config.optimizer}).
 * Every read marks its key as known; {@link #finish()} then reports the keys nobody asked for
 * as warnings with a "did you mean" hint. Wrong types and missing required keys throw a
 * {@link UserInputException} naming file, line and key path.
 *
 * <p>An explicit {@code null} counts as "not given" for keys with a default, as most such keys
 * are read by the reference through {@code dict.get(key, default)} and null has no useful meaning there.
 */
final class Section {
    /** Words PyYAML (YAML 1.1) reads as booleans besides true/false; the reference accepts them. */
    private static final Map<String, Boolean> YAML11_BOOLEANS = Map.ofEntries(
            Map.entry("yes", true), Map.entry("Yes", true), Map.entry("YES", true),
            Map.entry("on", true), Map.entry("On", true), Map.entry("ON", true),
            Map.entry("no", false), Map.entry("No", false), Map.entry("NO", false),
            Map.entry("off", false), Map.entry("Off", false), Map.entry("OFF", false));

    private final YamlNode.Mapping map;
    private final ConfigWarnings warnings;
    private final Set<String> known = new LinkedHashSet<>();

    Section(YamlNode.Mapping map, ConfigWarnings warnings) {
        this.map = map;
        this.warnings = warnings;
    }

    YamlNode.Mapping mapping() {
        return map;
    }

    String pathOf(String key) {
        return map.path().isEmpty() ? key : map.path() + "." + key;
    }

    /** Declares keys as known without reading them (read elsewhere, or deliberately ignored). */
    void know(String... keys) {
        known.addAll(List.of(keys));
    }

    boolean has(String key) {
        known.add(key);
        YamlNode n = map.entries().get(key);
        return n != null && !(n instanceof YamlNode.Scalar s && s.value() == null);
    }

    /** The raw node (marks the key as known); null when absent. */
    YamlNode node(String key) {
        known.add(key);
        return map.entries().get(key);
    }

    // ---- errors --------------------------------------------------------------------------

    UserInputException wrongType(YamlNode node, String expected) {
        return expected(node, expected);
    }

    /** "file:line: key 'a.b': expected X, found Y" for any node. */
    static UserInputException expected(YamlNode node, String expected) {
        return new UserInputException(node.where() + ": key '" + node.path() + "': expected " + expected
                + ", found " + YamlNode.describe(node));
    }

    UserInputException missing(String key, String expected) {
        return new UserInputException(map.where() + ": missing required key '" + pathOf(key) + "' (expected "
                + expected + ")");
    }

    UserInputException invalid(String key, String problem) {
        YamlNode n = map.entries().get(key);
        String where = n != null ? n.where() : map.where();
        return new UserInputException(where + ": key '" + pathOf(key) + "': " + problem);
    }

    // ---- scalars -------------------------------------------------------------------------

    private Object scalar(String key, String expected, Class<?> type) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Scalar s)) {
            throw wrongType(n, expected);
        }
        Object v = s.value();
        if (v == null || type.isInstance(v)) {
            return v;
        }
        if (type == Double.class && v instanceof Long l) {
            return l.doubleValue();
        }
        if (type == Boolean.class && v instanceof String str && YAML11_BOOLEANS.containsKey(str)) {
            return YAML11_BOOLEANS.get(str);
        }
        throw wrongType(n, expected);
    }

    String string(String key, String defaultValue) {
        Object v = scalar(key, "a text value", String.class);
        return v == null ? defaultValue : (String) v;
    }

    String requiredString(String key) {
        String v = string(key, null);
        if (v == null) {
            throw requiredButAbsent(key, "a text value");
        }
        return v;
    }

    /** A text value chosen from {@code allowed} (compared exactly, as the reference does). */
    String choice(String key, String defaultValue, Collection<String> allowed) {
        String v = string(key, defaultValue);
        if (v != null && !allowed.contains(v)) {
            throw invalid(key, "expected one of " + allowed + ", found \"" + v + "\""
                    + DidYouMean.suggest(v, allowed).map(s -> " (did you mean '" + s + "'?)").orElse(""));
        }
        return v;
    }

    /** {@link #choice(String, String, Collection)} for a vocabulary enum; absent or null gives {@code defaultValue}. */
    <E extends Enum<E> & ConfigChoice> E choice(String key, E defaultValue, Class<E> type) {
        String v = choice(key, defaultValue == null ? null : defaultValue.key(), ConfigChoice.keys(type));
        return v == null ? null : ConfigChoice.lookup(type, v).orElseThrow();
    }

    /** {@link #choice(String, Enum, Class)} for a key that must be present. */
    <E extends Enum<E> & ConfigChoice> E requiredChoice(String key, Class<E> type) {
        E v = choice(key, null, type);
        if (v == null) {
            throw requiredButAbsent(key, "one of " + ConfigChoice.keys(type));
        }
        return v;
    }

    String requiredChoice(String key, Collection<String> allowed) {
        String v = choice(key, null, allowed);
        if (v == null) {
            throw requiredButAbsent(key, "one of " + allowed);
        }
        return v;
    }

    Integer optionalInteger(String key) {
        Object v = scalar(key, "a whole number", Long.class);
        if (v == null) {
            return null;
        }
        long l = (Long) v;
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongType(map.entries().get(key), "a whole number within 32 bits");
        }
        return (int) l;
    }

    int integer(String key, int defaultValue) {
        Integer v = optionalInteger(key);
        return v == null ? defaultValue : v;
    }

    int requiredInteger(String key) {
        Integer v = optionalInteger(key);
        if (v == null) {
            throw requiredButAbsent(key, "a whole number");
        }
        return v;
    }

    /** A positive whole number, or null when absent. */
    Integer optionalPositive(String key) {
        Integer v = optionalInteger(key);
        if (v != null && v <= 0) {
            throw invalid(key, "expected a positive whole number, found " + v);
        }
        return v;
    }

    Integer requiredPositive(String key) {
        Integer v = optionalPositive(key);
        if (v == null) {
            throw requiredButAbsent(key, "a positive whole number");
        }
        return v;
    }

    Double optionalNumber(String key) {
        Double v = (Double) scalar(key, "a number", Double.class);
        if (v != null && !Double.isFinite(v)) {
            throw notFinite(node(key));
        }
        return v;
    }

    /** A number that is NaN or infinite: a literal beyond double range ({@code 1e999}) or YAML's {@code .nan}/{@code .inf}. */
    static UserInputException notFinite(YamlNode node) {
        return new UserInputException(node.where() + ": key '" + node.path() + "': expected a finite number, found "
                + YamlNode.describe(node) + " (a value beyond the range of a double, or .nan/.inf)");
    }

    /** Refuses non-finite numbers anywhere inside {@code node} (keyword arguments passed through). */
    static void requireFinite(YamlNode node) {
        if (node instanceof YamlNode.Scalar s && s.value() instanceof Double d && !Double.isFinite(d)) {
            throw notFinite(node);
        } else if (node instanceof YamlNode.Mapping m) {
            m.entries().values().forEach(Section::requireFinite);
        } else if (node instanceof YamlNode.Sequence q) {
            q.items().forEach(Section::requireFinite);
        }
    }

    double number(String key, double defaultValue) {
        Double v = optionalNumber(key);
        return v == null ? defaultValue : v;
    }

    double requiredNumber(String key) {
        Double v = optionalNumber(key);
        if (v == null) {
            throw requiredButAbsent(key, "a number");
        }
        return v;
    }

    Boolean optionalBool(String key) {
        return (Boolean) scalar(key, "true or false", Boolean.class);
    }

    boolean bool(String key, boolean defaultValue) {
        Boolean v = optionalBool(key);
        return v == null ? defaultValue : v;
    }

    Boolean requiredBool(String key) {
        Boolean v = optionalBool(key);
        if (v == null) {
            throw requiredButAbsent(key, "true or false");
        }
        return v;
    }

    private UserInputException requiredButAbsent(String key, String expected) {
        YamlNode n = map.entries().get(key);
        return n == null ? missing(key, expected) : wrongType(n, expected);
    }

    // ---- lists ---------------------------------------------------------------------------

    /** A list of text values, or null when absent. */
    List<String> optionalStringList(String key) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw wrongType(n, "a list of text values");
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s && s.value() instanceof String str)) {
                throw wrongType(item, "a text value");
            }
            out.add(str);
        }
        return List.copyOf(out);
    }

    List<String> requiredStringList(String key) {
        List<String> v = optionalStringList(key);
        if (v == null) {
            throw requiredButAbsent(key, "a list of text values");
        }
        return v;
    }

    /** A list of numbers, or null when absent. */
    List<Double> optionalNumberList(String key) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw wrongType(n, "a list of numbers");
        }
        List<Double> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s && s.value() instanceof Number num)) {
                throw wrongType(item, "a number");
            }
            requireFinite(item);
            out.add(num.doubleValue());
        }
        return List.copyOf(out);
    }

    /** A list of whole numbers, or null when absent. */
    List<Integer> optionalIntegerList(String key) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw wrongType(n, "a list of whole numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s && s.value() instanceof Long l)) {
                throw wrongType(item, "a whole number");
            }
            out.add(l.intValue());
        }
        return List.copyOf(out);
    }

    /** The list node itself, or null when absent. */
    YamlNode.Sequence optionalSequence(String key, String expected) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return null;
        }
        if (!(n instanceof YamlNode.Sequence seq)) {
            throw wrongType(n, expected);
        }
        return seq;
    }

    // ---- nested sections -----------------------------------------------------------------

    Optional<Section> optionalSection(String key) {
        YamlNode n = node(key);
        if (n == null || n instanceof YamlNode.Scalar s && s.value() == null) {
            return Optional.empty();
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            throw wrongType(n, "a mapping of keys");
        }
        return Optional.of(new Section(m, warnings));
    }

    Section requiredSection(String key) {
        return optionalSection(key).orElseThrow(() -> requiredButAbsent(key, "a mapping of keys"));
    }

    /** Every entry not yet marked as known, as plain values (for keyword pass-through). */
    Map<String, Object> rest() {
        Map<String, Object> out = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> {
            if (!known.contains(k)) {
                requireFinite(v);
                out.put(k, YamlNode.toPlain(v));
            }
        });
        return out;
    }

    /** Warns about each key that no reader asked for, suggesting the nearest known key. */
    void finish() {
        map.entries().forEach((k, v) -> {
            if (!known.contains(k)) {
                String hint = DidYouMean.suggest(k, known).map(s -> " (did you mean '" + pathOf(s) + "'?)")
                        .orElse("");
                warnings.add(v.file() + ":" + v.line() + ": unknown key '" + pathOf(k) + "' is ignored" + hint);
            }
        });
    }

    ConfigWarnings warnings() {
        return warnings;
    }
}
