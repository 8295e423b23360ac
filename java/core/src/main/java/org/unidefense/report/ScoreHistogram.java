package org.unidefense.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.unidefense.metrics.ScoreSet;

/**
 * Distributions of the scores (P(real)): one panel per class, real against attack, and, when
 * method names are given, a second panel per method (e.g. Deepfakes, Face2Face, print, replay).
 * Each group's bars show the share of that group per bin, so a small group stays visible beside a
 * large one. The decision threshold is a vertical line; an infinite threshold (everything
 * predicted attack) is only named in the legend.
 */
public final class ScoreHistogram {
    /** Opacity of the bars, so overlapping groups stay visible. */
    public static final float FILL_ALPHA = 0.45f;

    private final double[] scores;
    private final int[] labels;
    private final String[] methods;
    private double threshold = Double.NaN;
    private String title = "Score distributions";
    private int width = 720;
    private int height = 720;
    private int bins = 40;

    /** {@code methods} may be null (no per-method panel); labels are 0 = real, 1 = attack. */
    public ScoreHistogram(double[] scores, int[] labels, String[] methods) {
        if (scores.length != labels.length || (methods != null && methods.length != scores.length)) {
            throw new IllegalArgumentException("scores, labels and methods need one entry per sample: "
                    + scores.length + ", " + labels.length + (methods == null ? "" : ", " + methods.length));
        }
        this.scores = scores.clone();
        this.labels = labels.clone();
        this.methods = methods == null ? null : methods.clone();
    }

    public ScoreHistogram threshold(double value) {
        this.threshold = value;
        return this;
    }

    public ScoreHistogram title(String text) {
        this.title = text;
        return this;
    }

    public ScoreHistogram size(int widthPixels, int heightPixels) {
        this.width = widthPixels;
        this.height = heightPixels;
        return this;
    }

    public ScoreHistogram bins(int count) {
        this.bins = count;
        return this;
    }

    /** Group names of the class panel, in colour order. */
    public static final String REAL = "real";
    public static final String ATTACK = "attack";

    public Chart render() {
        BufferedImage image = Chart.blank(width, height);
        Graphics2D g = Chart.graphics(image);
        try {
            Chart.drawTitle(g, width, title);
            double lo = 0;
            double hi = 1;
            for (double s : scores) {
                if (Double.isFinite(s)) {
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            Map<String, List<Double>> byClass = new LinkedHashMap<>();
            byClass.put(REAL, new ArrayList<>());
            byClass.put(ATTACK, new ArrayList<>());
            for (int i = 0; i < scores.length; i++) {
                byClass.get(labels[i] == ScoreSet.REAL ? REAL : ATTACK).add(scores[i]);
            }
            int top = 30;
            int panelHeight = methods == null ? height - top : (height - top) / 2;
            List<Panel> panels = new ArrayList<>();
            panels.add(drawPanel(g, new Rectangle(0, top, width, panelHeight), "by class", byClass, lo, hi));
            if (methods != null) {
                Map<String, List<Double>> byMethod = new LinkedHashMap<>();
                for (int i = 0; i < scores.length; i++) {
                    byMethod.computeIfAbsent(methods[i], k -> new ArrayList<>()).add(scores[i]);
                }
                panels.add(drawPanel(g, new Rectangle(0, top + panelHeight, width, panelHeight), "by method",
                        byMethod, lo, hi));
            }
            return new Chart(image, panels);
        } finally {
            g.dispose();
        }
    }

    /** Share of {@code values} in each of the equal bins over [lo, hi] (the last bin closed). */
    double[] shares(List<Double> values, double lo, double hi) {
        double[] share = new double[bins];
        int counted = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
            share[Math.min(bins - 1, Math.max(0, b))]++;
            counted++;
        }
        for (int b = 0; b < bins && counted > 0; b++) {
            share[b] /= counted;
        }
        return share;
    }

    /** The legend goes over the outer third of the bins whose tallest bar is lower, to hide as little as possible. */
    private Panel.Corner emptierTopCorner(List<double[]> allShares) {
        double left = 0;
        double right = 0;
        for (double[] share : allShares) {
            for (int b = 0; b < bins / 3; b++) {
                left = Math.max(left, share[b]);
                right = Math.max(right, share[bins - 1 - b]);
            }
        }
        return left <= right ? Panel.Corner.TOP_LEFT : Panel.Corner.TOP_RIGHT;
    }

    private Panel drawPanel(Graphics2D g, Rectangle bounds, String panelTitle, Map<String, List<Double>> groups,
                            double lo, double hi) {
        List<double[]> allShares = new ArrayList<>();
        double maxShare = 0;
        for (List<Double> values : groups.values()) {
            double[] s = shares(values, lo, hi);
            allShares.add(s);
            for (double v : s) {
                maxShare = Math.max(maxShare, v);
            }
        }
        Axis x = Axis.linear(lo, hi, "score (probability of real)");
        Axis y = Axis.linear(0, maxShare > 0 ? maxShare * 1.3 : 1, "share of group");
        Panel p = Panel.inside(bounds, x, y);
        p.drawFrame(g, panelTitle);
        List<Panel.LegendEntry> legend = new ArrayList<>();
        double binWidth = (hi - lo) / bins;
        int gi = 0;
        for (Map.Entry<String, List<Double>> group : groups.entrySet()) {
            Color c = Palette.series(gi);
            Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(FILL_ALPHA * 255));
            double[] share = allShares.get(gi);
            p.clipped(g, () -> {
                for (int b = 0; b < bins; b++) {
                    if (share[b] <= 0) {
                        continue;
                    }
                    double x0 = p.px(lo + b * binWidth);
                    double x1 = p.px(lo + (b + 1) * binWidth);
                    double y0 = p.py(share[b]);
                    Rectangle2D bar = new Rectangle2D.Double(x0, y0, x1 - x0, p.py(0) - y0);
                    g.setColor(fill);
                    g.fill(bar);
                    g.setColor(c);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(new Line2D.Double(x0, y0, x1, y0));
                }
            });
            legend.add(Panel.LegendEntry.box(group.getKey() + " (n=" + group.getValue().size() + ")", c));
            gi++;
        }
        if (Double.isFinite(threshold)) {
            g.setColor(Palette.THRESHOLD);
            g.setStroke(new BasicStroke(2f));
            Rectangle a = p.area();
            double tx = p.px(threshold);
            p.clipped(g, () -> g.draw(new Line2D.Double(tx, a.y, tx, a.y + a.height)));
            legend.add(Panel.LegendEntry.line(String.format(Locale.ROOT, "threshold %.4f", threshold), Palette.THRESHOLD));
        } else if (!Double.isNaN(threshold)) {
            legend.add(Panel.LegendEntry.line("threshold " + (threshold > 0 ? "+inf" : "-inf"), Palette.THRESHOLD));
        }
        p.drawLegend(g, legend, emptierTopCorner(allShares));
        return p;
    }
}
