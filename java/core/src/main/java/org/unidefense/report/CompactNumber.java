package org.unidefense.report;

import java.util.Locale;

/** Short, locale-independent renderings of numbers for progress lines and tables. */
final class CompactNumber {
    private CompactNumber() {
    }

    /**
     * Four significant digits without trailing zeros ({@code 0.412}, {@code 1235}, {@code 1.5e-05});
     * integral boxed types print exactly, so step counters are never shown in exponent form.
     */
    static String format(Number value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Long.toString(value.longValue());
        }
        double v = value.doubleValue();
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    /** {@code m:ss} below an hour, {@code h:mm:ss} above; negative or unknown durations print {@code ?}. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(Math.floor(seconds));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%02d:%02d", m, sec);
    }
}
