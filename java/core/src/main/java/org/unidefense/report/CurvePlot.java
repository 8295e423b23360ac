package org.unidefense.report;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Training curves against step from a {@link RunHistory}: a main panel (typically the losses) and
 * an optional secondary panel below it with its own y axis (typically validation AUC/ACER), both
 * over the same step range. Non-finite values (a diverged loss logged as NaN) break the line.
 */
public final class CurvePlot {
    private final List<RunHistory.Series> primary = new ArrayList<>();
    private final List<RunHistory.Series> secondary = new ArrayList<>();
    private String title = "Training curves";
    private String primaryLabel = "loss";
    private String secondaryLabel = "metric";
    private int width = 760;
    private int height = 520;

    public CurvePlot title(String text) {
        this.title = text;
        return this;
    }

    public CurvePlot size(int widthPixels, int heightPixels) {
        this.width = widthPixels;
        this.height = heightPixels;
        return this;
    }

    public CurvePlot primaryLabel(String yLabel) {
        this.primaryLabel = yLabel;
        return this;
    }

    public CurvePlot secondaryLabel(String yLabel) {
        this.secondaryLabel = yLabel;
        return this;
    }

    /** A series for the main panel; colours follow the order of addition over both panels. */
    public CurvePlot add(RunHistory.Series series) {
        primary.add(series);
        return this;
    }

    /** A series for the secondary panel (created when the first one is added). */
    public CurvePlot addSecondary(RunHistory.Series series) {
        secondary.add(series);
        return this;
    }

    /** The series of {@code names} found in {@code history} (names without values are left out). */
    public CurvePlot addAll(RunHistory history, List<String> names, boolean toSecondary) {
        for (String name : names) {
            RunHistory.Series s = history.series(name);
            if (s.steps().length > 0) {
                (toSecondary ? secondary : primary).add(s);
            }
        }
        return this;
    }

    /** The colour of the {@code i}-th series counting the main panel's first, then the secondary's. */
    public static java.awt.Color colorOf(int i) {
        return Palette.series(i);
    }

    public Chart render() {
        BufferedImage image = Chart.blank(width, height);
        Graphics2D g = Chart.graphics(image);
        try {
            Chart.drawTitle(g, width, title);
            List<RunHistory.Series> all = new ArrayList<>(primary);
            all.addAll(secondary);
            Axis x = Axis.fitting(concat(all, true), "step");
            int top = 30;
            List<Panel> panels = new ArrayList<>();
            if (secondary.isEmpty()) {
                panels.add(draw(g, new Rectangle(0, top, width, height - top), x, primary, primaryLabel, 0));
            } else {
                int h1 = (height - top) * 3 / 5;
                Axis unlabelled = new Axis(x.min(), x.max(), false, null);
                panels.add(draw(g, new Rectangle(0, top, width, h1), unlabelled, primary, primaryLabel, 0));
                panels.add(draw(g, new Rectangle(0, top + h1, width, height - top - h1), x, secondary,
                        secondaryLabel, primary.size()));
            }
            return new Chart(image, panels);
        } finally {
            g.dispose();
        }
    }

    private static Panel draw(Graphics2D g, Rectangle bounds, Axis x, List<RunHistory.Series> series, String yLabel,
                              int firstColour) {
        Panel p = Panel.inside(bounds, x, Axis.fitting(concat(series, false), yLabel));
        p.drawFrame(g, null);
        List<Panel.LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            RunHistory.Series s = series.get(i);
            p.drawSeries(g, s.steps(), s.values(), colorOf(firstColour + i),
                    new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            legend.add(Panel.LegendEntry.line(s.name(), colorOf(firstColour + i)));
        }
        p.drawLegend(g, legend, leastCoveredCorner(series, p.xAxis(), p.yAxis()));
        return p;
    }

    /**
     * The corner whose region (the outer 40% of the width and of the height) the fewest curve
     * points pass through, so the legend hides as little as possible; on a tie the right-hand
     * corners first (curves usually change most at the start).
     */
    static Panel.Corner leastCoveredCorner(List<RunHistory.Series> series, Axis x, Axis y) {
        Panel.Corner[] order = {Panel.Corner.TOP_RIGHT, Panel.Corner.BOTTOM_RIGHT, Panel.Corner.TOP_LEFT,
                Panel.Corner.BOTTOM_LEFT};
        int[] covered = new int[order.length];
        for (RunHistory.Series s : series) {
            for (int i = 0; i < s.steps().length; i++) {
                if (!Double.isFinite(s.values()[i])) {
                    continue;
                }
                double fx = x.fraction(s.steps()[i]);
                double fy = y.fraction(s.values()[i]);
                for (int c = 0; c < order.length; c++) {
                    boolean right = order[c] == Panel.Corner.TOP_RIGHT || order[c] == Panel.Corner.BOTTOM_RIGHT;
                    boolean top = order[c] == Panel.Corner.TOP_RIGHT || order[c] == Panel.Corner.TOP_LEFT;
                    if ((right ? fx >= 0.6 : fx <= 0.4) && (top ? fy >= 0.6 : fy <= 0.4)) {
                        covered[c]++;
                    }
                }
            }
        }
        int best = 0;
        for (int c = 1; c < order.length; c++) {
            if (covered[c] < covered[best]) {
                best = c;
            }
        }
        return order[best];
    }

    private static double[] concat(List<RunHistory.Series> series, boolean steps) {
        return series.stream().flatMapToDouble(s -> java.util.Arrays.stream(steps ? s.steps() : s.values())).toArray();
    }
}
