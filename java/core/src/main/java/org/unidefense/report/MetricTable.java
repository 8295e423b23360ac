package org.unidefense.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;

/**
 * The metrics of one evaluation as a fixed-width text table for the terminal: one row per
 * reference key ({@link MetricReport#KEYS}, in its order), one column per level.
 * <pre>
 * metric        frame     video
 * AUC          0.9876    0.9912
 * NumP            120        12
 * </pre>
 * Rates print with four decimals, counts as integers, an infinite threshold as {@code inf}.
 */
public final class MetricTable {
    private static final int COLUMN = 10;

    private MetricTable() {
    }

    /** Frame and, when present, video columns. */
    public static String render(LevelReports reports) {
        Map<String, MetricReport> levels = new LinkedHashMap<>();
        levels.put("frame", reports.frame());
        if (reports.video() != null) {
            levels.put("video", reports.video());
        }
        return render(levels);
    }

    /** One column per entry, in the map's order, headed by its key. */
    public static String render(Map<String, MetricReport> levels) {
        int nameWidth = "metric".length();
        for (String key : MetricReport.KEYS) {
            nameWidth = Math.max(nameWidth, key.length());
        }
        List<Map<String, Number>> maps = levels.values().stream().map(MetricReport::toMap).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(padRight("metric", nameWidth));
        for (String level : levels.keySet()) {
            sb.append(padLeft(level, COLUMN));
        }
        sb.append('\n');
        for (String key : MetricReport.KEYS) {
            sb.append(padRight(key, nameWidth));
            for (Map<String, Number> m : maps) {
                sb.append(padLeft(cell(m.get(key)), COLUMN));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A value as the table and the HTML report print it. */
    static String cell(Number v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Integer || v instanceof Long) {
            return Long.toString(v.longValue());
        }
        double d = v.doubleValue();
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.4f", d);
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? " " + s : " ".repeat(width - s.length()) + s;
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
