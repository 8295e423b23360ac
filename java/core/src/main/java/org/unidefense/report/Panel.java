package org.unidefense.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/**
 * One set of axes inside an image: the pixel rectangle of its plotting area and the data axes
 * mapped onto it. Draws the frame, grid, ticks, labels, title and legend; the public mapping
 * ({@link #px}, {@link #py}) lets callers (and tests) find where a data point lands.
 */
public final class Panel {
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /** Where the legend box goes inside the plotting area. */
    public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    /** A legend line: a colour sample (a line, or a filled box) and its text. */
    public record LegendEntry(String text, Color color, boolean filled) {
        public static LegendEntry line(String text, Color color) {
            return new LegendEntry(text, color, false);
        }

        public static LegendEntry box(String text, Color color) {
            return new LegendEntry(text, color, true);
        }
    }

    private final Rectangle area;
    private final Axis x;
    private final Axis y;

    public Panel(Rectangle area, Axis x, Axis y) {
        this.area = new Rectangle(area);
        this.x = x;
        this.y = y;
    }

    /** The panel whose plotting area sits inside {@code bounds}, leaving room for title, ticks and labels. */
    public static Panel inside(Rectangle bounds, Axis x, Axis y) {
        return new Panel(new Rectangle(bounds.x + 68, bounds.y + 30, bounds.width - 68 - 16, bounds.height - 30 - 48), x, y);
    }

    public Rectangle area() {
        return new Rectangle(area);
    }

    public Axis xAxis() {
        return x;
    }

    public Axis yAxis() {
        return y;
    }

    /** Pixel column of data value {@code v} (not clamped). */
    public double px(double v) {
        return area.x + x.fraction(v) * area.width;
    }

    /** Pixel row of data value {@code v}; larger values are higher up. */
    public double py(double v) {
        return area.y + area.height - y.fraction(v) * area.height;
    }

    /** Grid, ticks, tick labels, axis labels, frame and title (before the data is drawn). */
    void drawFrame(Graphics2D g, String title) {
        List<Double> xt = x.ticks(8);
        List<Double> yt = y.ticks(6);
        g.setColor(Palette.BACKGROUND);
        g.fill(area);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Palette.GRID);
        for (double t : xt) {
            g.draw(new Line2D.Double(px(t), area.y, px(t), area.y + area.height));
        }
        for (double t : yt) {
            g.draw(new Line2D.Double(area.x, py(t), area.x + area.width, py(t)));
        }
        g.setColor(Palette.AXIS);
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        int bottom = area.y + area.height;
        for (double t : xt) {
            double p = px(t);
            g.draw(new Line2D.Double(p, bottom, p, bottom + 5));
            String s = x.format(t, xt);
            g.drawString(s, (float) (p - fm.stringWidth(s) / 2.0), bottom + 7 + fm.getAscent());
        }
        for (double t : yt) {
            double p = py(t);
            g.draw(new Line2D.Double(area.x - 5, p, area.x, p));
            String s = y.format(t, yt);
            g.drawString(s, (float) (area.x - 8 - fm.stringWidth(s)), (float) (p + fm.getAscent() / 2.0 - 1));
        }
        g.draw(area);
        g.setFont(LABEL_FONT);
        fm = g.getFontMetrics();
        if (x.label() != null) {
            g.drawString(x.label(), area.x + (area.width - fm.stringWidth(x.label())) / 2f,
                    bottom + 26 + fm.getAscent());
        }
        if (y.label() != null) {
            AffineTransform saved = g.getTransform();
            g.translate(area.x - 52, area.y + area.height / 2.0);
            g.rotate(-Math.PI / 2);
            g.drawString(y.label(), -fm.stringWidth(y.label()) / 2f, 0);
            g.setTransform(saved);
        }
        if (title != null) {
            g.setFont(TITLE_FONT);
            fm = g.getFontMetrics();
            g.drawString(title, area.x + (area.width - fm.stringWidth(title)) / 2f, area.y - 10);
        }
    }

    /** Runs {@code drawing} clipped to the plotting area (plus a margin so lines on the frame stay whole). */
    void clipped(Graphics2D g, Runnable drawing) {
        Shape saved = g.getClip();
        g.clip(new Rectangle(area.x - 3, area.y - 3, area.width + 7, area.height + 7));
        drawing.run();
        g.setClip(saved);
    }

    /** A polyline through the finite points; a non-finite value breaks the line. */
    void drawSeries(Graphics2D g, double[] xs, double[] ys, Color color, Stroke stroke) {
        Path2D.Double path = new Path2D.Double();
        boolean penDown = false;
        int drawn = 0;
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                penDown = false;
                continue;
            }
            if (penDown) {
                path.lineTo(px(xs[i]), py(ys[i]));
            } else {
                path.moveTo(px(xs[i]), py(ys[i]));
                penDown = true;
            }
            drawn++;
        }
        g.setColor(color);
        g.setStroke(stroke);
        clipped(g, () -> g.draw(path));
        if (drawn == 1) {
            // a single point draws no line: show it as a dot (e.g. the first validation result)
            for (int i = 0; i < xs.length; i++) {
                if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                    double cx = px(xs[i]);
                    double cy = py(ys[i]);
                    clipped(g, () -> g.fill(new java.awt.geom.Ellipse2D.Double(cx - 3.5, cy - 3.5, 7, 7)));
                }
            }
        }
    }

    void drawLegend(Graphics2D g, List<LegendEntry> entries, Corner corner) {
        if (entries.isEmpty()) {
            return;
        }
        g.setFont(LEGEND_FONT);
        FontMetrics fm = g.getFontMetrics();
        int sample = 22;
        int row = fm.getHeight() + 2;
        int width = 0;
        for (LegendEntry e : entries) {
            width = Math.max(width, fm.stringWidth(e.text()));
        }
        int boxW = width + sample + 18;
        int boxH = row * entries.size() + 8;
        int left = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT ? area.x + 8 : area.x + area.width - 8 - boxW;
        int top = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT ? area.y + 8 : area.y + area.height - 8 - boxH;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(left, top, boxW, boxH);
        g.setColor(Palette.GUIDE);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, boxW, boxH);
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            int cy = top + 4 + row * i + row / 2;
            g.setColor(e.color());
            if (e.filled()) {
                g.fillRect(left + 6, cy - 5, sample, 10);
            } else {
                g.setStroke(new BasicStroke(2.5f));
                g.draw(new Line2D.Double(left + 6, cy, left + 6 + sample, cy));
            }
            g.setColor(Palette.AXIS);
            g.drawString(e.text(), left + sample + 12, cy + fm.getAscent() / 2f - 1);
        }
    }
}
