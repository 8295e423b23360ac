package org.unidefense.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.ThresholdRule;

/**
 * Everything about one evaluation in one directory:
 * <ul>
 *   <li>{@code roc.png} — the ROC curve of every level;</li>
 *   <li>{@code scores.png} — score distributions with the first level's threshold (when per-sample
 *       scores are given);</li>
 *   <li>{@code curves.png} — training curves (when a {@link RunHistory} is given);</li>
 *   <li>{@code metrics.json} — per level the metrics under the reference's key names
 *       ({@link MetricReport#KEYS}), the thresholds and the per-method breakdown; an infinite value
 *       is the string {@code "Infinity"};</li>
 *   <li>{@code report.html} — a self-contained page: the tables and the images as data URIs.</li>
 * </ul>
 * Every file is written atomically, the page last, so a page that exists is complete.
 */
public final class EvaluationReport {
    public static final String HTML = "report.html";
    public static final String ROC = "roc.png";
    public static final String SCORES = "scores.png";
    public static final String CURVES = "curves.png";
    public static final String METRICS = "metrics.json";

    private final String title;
    private final Map<String, MetricReport> levels = new LinkedHashMap<>();
    private ThresholdRule rule;
    private double[] scores;
    private int[] labels;
    private String[] methods;
    private RunHistory history;
    private String curvesTitle;
    private List<String> curveNames = List.of();
    private List<String> secondaryCurveNames = List.of();
    private boolean logFpr;

    public EvaluationReport(String title) {
        this.title = title;
    }

    /** Adds a level (e.g. "frame", "video"): its metrics and, through {@link MetricReport#roc()}, its curve. */
    public EvaluationReport level(String name, MetricReport report) {
        levels.put(name, report);
        return this;
    }

    /** Frame level, and video level when present. */
    public EvaluationReport levels(LevelReports reports) {
        level("frame", reports.frame());
        if (reports.video() != null) {
            level("video", reports.video());
        }
        return this;
    }

    /** The rule the thresholds were chosen by, recorded in the outputs. */
    public EvaluationReport thresholdRule(ThresholdRule thresholdRule) {
        this.rule = thresholdRule;
        return this;
    }

    /** Per-sample scores of the first level (0 = real); {@code methodNames} may be null. */
    public EvaluationReport samples(double[] sampleScores, int[] sampleLabels, String[] methodNames) {
        if (sampleScores.length != sampleLabels.length || (methodNames != null && methodNames.length != sampleScores.length)) {
            throw new IllegalArgumentException("samples: scores, labels and method names need one entry per sample");
        }
        this.scores = sampleScores.clone();
        this.labels = sampleLabels.clone();
        this.methods = methodNames == null ? null : methodNames.clone();
        return this;
    }

    /** Training curves: {@code main} names in the upper panel, {@code secondary} ones (metrics) below. */
    public EvaluationReport history(RunHistory runHistory, List<String> main, List<String> secondary) {
        return history(runHistory, main, secondary, title + " — training");
    }

    /**
     * As {@link #history(RunHistory, List, List)} with the curves' own title: they belong to the
     * training run, not to the data this report tests on, and should say so.
     */
    public EvaluationReport history(RunHistory runHistory, List<String> main, List<String> secondary, String curvesTitle) {
        this.curvesTitle = curvesTitle;
        this.history = runHistory;
        this.curveNames = List.copyOf(main);
        this.secondaryCurveNames = List.copyOf(secondary);
        return this;
    }

    public EvaluationReport logFpr(boolean logarithmic) {
        this.logFpr = logarithmic;
        return this;
    }

    /** Writes the files into {@code dir} (created if needed) and returns their paths in writing order. */
    public List<Path> writeTo(Path dir) throws IOException {
        if (levels.isEmpty()) {
            throw new IllegalStateException("an evaluation report needs at least one level");
        }
        List<Path> written = new ArrayList<>();
        Map<String, byte[]> images = new LinkedHashMap<>();

        RocPlot roc = new RocPlot().title(title + " — ROC").logFpr(logFpr);
        levels.forEach((name, r) -> {
            if (r.roc() != null) {
                roc.add(name, r.roc());
            }
        });
        images.put(ROC, roc.render().toPng());
        if (scores != null) {
            images.put(SCORES, new ScoreHistogram(scores, labels, methods).title(title + " — scores")
                    .threshold(firstLevel().threshold()).render().toPng());
        }
        if (history != null && !history.isEmpty()) {
            CurvePlot curves = new CurvePlot().title(curvesTitle)
                    .addAll(history, curveNames, false).addAll(history, secondaryCurveNames, true);
            images.put(CURVES, curves.render().toPng());
        }
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            Path file = dir.resolve(image.getKey());
            byte[] png = image.getValue();
            ReportFiles.write(file, png);
            written.add(file);
        }

        Path json = dir.resolve(METRICS);
        ReportFiles.write(json, metricsJson().getBytes(StandardCharsets.UTF_8));
        written.add(json);
        Path html = dir.resolve(HTML);
        ReportFiles.write(html, html(images).getBytes(StandardCharsets.UTF_8));
        written.add(html);
        return written;
    }

    private MetricReport firstLevel() {
        return levels.values().iterator().next();
    }

    private List<MethodBreakdown> breakdown() {
        return scores == null || methods == null ? List.of()
                : MethodBreakdown.of(scores, labels, methods, firstLevel().threshold());
    }

    String metricsJson() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", title);
        if (rule != null) {
            root.put("threshold_rule", rule.toString());
        }
        Map<String, Object> thresholds = new LinkedHashMap<>();
        levels.forEach((name, r) -> thresholds.put(name, r.threshold()));
        root.put("threshold", thresholds);
        levels.forEach((name, r) -> root.put(name, r.toMap()));
        List<MethodBreakdown> rows = breakdown();
        if (!rows.isEmpty()) {
            List<Map<String, Object>> methodRows = new ArrayList<>();
            for (MethodBreakdown r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("method", r.method());
                m.put("class", r.label());
                m.put("count", r.count());
                m.put("mean_score", r.meanScore());
                m.put("accuracy", r.accuracy());
                methodRows.add(m);
            }
            root.put("methods", methodRows);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
    }

    private String html(Map<String, byte[]> images) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}")
                .append("th,td{border:1px solid #ccc;padding:3px 10px;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}")
                .append("img{max-width:100%;border:1px solid #eee;margin:0.5em 0}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (rule != null) {
            h.append("<p>Threshold rule: <code>").append(escape(rule.toString())).append("</code></p>\n");
        }
        h.append("<h2>Metrics</h2>\n<table>\n<tr><th>metric</th>");
        levels.keySet().forEach(level -> h.append("<th>").append(escape(level)).append("</th>"));
        h.append("</tr>\n");
        List<Map<String, Number>> maps = levels.values().stream().map(MetricReport::toMap).toList();
        for (String key : MetricReport.KEYS) {
            h.append("<tr><td>").append(escape(key)).append("</td>");
            maps.forEach(m -> h.append("<td>").append(MetricTable.cell(m.get(key))).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        List<MethodBreakdown> rows = breakdown();
        if (!rows.isEmpty()) {
            h.append("<h2>Per method (at the ").append(escape(levels.keySet().iterator().next()))
                    .append(" threshold)</h2>\n<table>\n<tr><th>method</th><th>class</th><th>n</th>")
                    .append("<th>mean score</th><th>accuracy</th></tr>\n");
            for (MethodBreakdown r : rows) {
                h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.4f</td><td>%.4f</td></tr>%n",
                        escape(r.method()), r.label(), r.count(), r.meanScore(), r.accuracy()));
            }
            h.append("</table>\n");
        }
        for (Map.Entry<String, byte[]> image : images.entrySet()) {
            String name = image.getKey();
            h.append("<h2>").append(caption(name)).append("</h2>\n<a href=\"").append(name).append("\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(image.getValue())).append("\" alt=\"")
                    .append(name).append("\"></a>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String caption(String file) {
        return switch (file) {
            case ROC -> "ROC curves";
            case SCORES -> "Score distributions";
            case CURVES -> "Training curves";
            default -> file;
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
