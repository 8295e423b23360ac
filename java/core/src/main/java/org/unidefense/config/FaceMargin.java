package org.unidefense.config;

import java.util.List;

/**
 * How much context to keep around a face box when cropping with {@code crop: 4p}. The reference
 * takes either a fixed fraction or a range {@code [low, high]}, from which it draws a margin per
 * image as {@code randint(int(low*10), int(high*10)) / 10}.
 *
 * @param low  the fixed margin, or the lower end of the range
 * @param high equal to {@code low} for a fixed margin, else the (exclusive) upper end
 */
public record FaceMargin(double low, double high, boolean fixed) {

    public static FaceMargin fixed(double margin) {
        return new FaceMargin(margin, margin, true);
    }

    public static FaceMargin range(double low, double high) {
        return new FaceMargin(low, high, false);
    }

    /** The YAML form: a number or a two-element list. */
    public Object toPlain() {
        return fixed ? (Object) low : List.of(low, high);
    }

    /** Reads a margin key; null when absent and {@code fallback} is null. */
    static FaceMargin read(Section s, String key, FaceMargin fallback) {
        YamlNode n = s.node(key);
        if (n == null || n instanceof YamlNode.Scalar sc && sc.value() == null) {
            return fallback;
        }
        if (n instanceof YamlNode.Scalar sc && sc.value() instanceof Number num) {
            return fixed(num.doubleValue());
        }
        List<Double> pair = s.optionalNumberList(key);
        if (pair == null || pair.size() != 2) {
            throw s.wrongType(n, "a margin: a number, or a list [low, high]");
        }
        if (!(pair.get(0) < pair.get(1))) {
            throw s.invalid(key, "expected low < high in [low, high], found " + pair);
        }
        return range(pair.get(0), pair.get(1));
    }
}
