package org.unidefense.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.unidefense.metrics.EqualErrorRate;
import org.unidefense.metrics.RocCurve;

/**
 * ROC curves (TPR against FPR, real = positive class as in {@link RocCurve}) of one or more levels,
 * e.g. frame and video, each with its equal-error point marked and its AUC and EER in the legend,
 * over the chance diagonal. With {@link #logFpr} the FPR axis is logarithmic, which shows the
 * low-FPR region that TPR@1% is read from; FPR 0 is then drawn at the axis' left end.
 */
public final class RocPlot {
    private final List<String> names = new ArrayList<>();
    private final List<RocCurve> curves = new ArrayList<>();
    private String title = "ROC";
    private int width = 640;
    private int height = 560;
    private boolean logFpr;

    public RocPlot title(String text) {
        this.title = text;
        return this;
    }

    public RocPlot size(int widthPixels, int heightPixels) {
        this.width = widthPixels;
        this.height = heightPixels;
        return this;
    }

    public RocPlot logFpr(boolean logarithmic) {
        this.logFpr = logarithmic;
        return this;
    }

    /** Adds a curve named e.g. "frame" or "video"; the colour follows the order of addition. */
    public RocPlot add(String name, RocCurve roc) {
        names.add(name);
        curves.add(roc);
        return this;
    }

    /** The series colour of the {@code i}-th curve added. */
    public static Color colorOf(int i) {
        return Palette.series(i);
    }

    public Chart render() {
        BufferedImage image = Chart.blank(width, height);
        Graphics2D g = Chart.graphics(image);
        try {
            double xMin = logFpr ? smallestFprShown() : 0;
            Axis x = logFpr ? Axis.logarithmic(xMin, 1, "false positive rate (attacks accepted as real)")
                    : Axis.linear(0, 1, "false positive rate (attacks accepted as real)");
            Axis y = Axis.linear(0, 1, "true positive rate (real accepted)");
            Panel p = Panel.inside(new Rectangle(0, 0, width, height), x, y);
            p.drawFrame(g, title);

            int n = 101;
            double[] dx = new double[n];
            for (int i = 0; i < n; i++) {
                dx[i] = logFpr ? Math.pow(10, Math.log10(xMin) * (1 - i / (n - 1.0))) : i / (n - 1.0);
            }
            p.drawSeries(g, dx, dx, Palette.GUIDE, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));

            List<Panel.LegendEntry> legend = new ArrayList<>();
            for (int i = 0; i < curves.size(); i++) {
                RocCurve roc = curves.get(i);
                Color c = colorOf(i);
                double[] fpr = roc.fpr();
                if (logFpr) {
                    for (int k = 0; k < fpr.length; k++) {
                        fpr[k] = Math.max(fpr[k], xMin);
                    }
                }
                // earlier curves wider, so a later one lying on top (video over frame) leaves both visible
                float widthPx = 2.5f + 2f * (curves.size() - 1 - i);
                p.drawSeries(g, fpr, roc.tpr(), c, new BasicStroke(widthPx, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                EqualErrorRate eer = EqualErrorRate.of(roc);
                double ex = p.px(Math.max(eer.rate(), logFpr ? xMin : 0));
                double ey = p.py(1 - eer.rate());
                p.clipped(g, () -> {
                    g.setColor(c);
                    g.fill(new Ellipse2D.Double(ex - 5, ey - 5, 10, 10));
                    g.setColor(Color.BLACK);
                    g.setStroke(new BasicStroke(1.2f));
                    g.draw(new Ellipse2D.Double(ex - 5, ey - 5, 10, 10));
                });
                legend.add(Panel.LegendEntry.line(String.format(Locale.ROOT, "%s  AUC %.4f  EER %.2f%%",
                        names.get(i), roc.auc(), 100 * eer.rate()), c));
            }
            legend.add(Panel.LegendEntry.line("chance", Palette.GUIDE));
            p.drawLegend(g, legend, Panel.Corner.BOTTOM_RIGHT);
            return new Chart(image, List.of(p));
        } finally {
            g.dispose();
        }
    }

    /** A decade below the smallest non-zero FPR of any curve, at least 1e-4 (at most 1e-2). */
    private double smallestFprShown() {
        double min = 1e-2;
        for (RocCurve roc : curves) {
            for (double f : roc.fpr()) {
                if (f > 0) {
                    min = Math.min(min, f);
                }
            }
        }
        return Math.max(1e-4, Math.pow(10, Math.floor(Math.log10(min)) - 1));
    }
}
