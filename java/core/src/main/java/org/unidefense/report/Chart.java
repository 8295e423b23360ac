package org.unidefense.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A rendered plot: the image and its panels (whose mappings tell where data landed).
 *
 * <p>Why Java2D here and not XChart (evaluated at 3.8.8, December 2026; JFreeChart is larger
 * still): XChart could draw each plot (log axes, annotations, and {@code getScreenXFromChart}
 * would keep PlotsTest's data-to-pixel checks), but {@code org.knowm.xchart:xchart} resolves to
 * 5.4 MB of jars (pdfbox 2.0 MB and fontbox 1.6 MB for its PDF export, VectorGraphics2D, a GIF
 * encoder) on the class path of every library user, against the ~900 lines of {@code Chart},
 * {@code Panel}, {@code Axis}, {@code Palette} and the three plots. It draws one plot area per
 * chart, so the two stacked panels of {@link ScoreHistogram} and {@link CurvePlot} (the latter
 * sharing its x axis) would still be composed and aligned by hand here, and the legend's
 * least-covered-corner placement ({@link CurvePlot#leastCoveredCorner}) is ours either way.
 * Revisit if the reports need chart types beyond lines and bars.
 */
public record Chart(BufferedImage image, List<Panel> panels) {

    static {
        // plots are drawn on servers without a display; must be set before AWT initialises
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public Chart {
        panels = List.copyOf(panels);
    }

    public Panel panel(int i) {
        return panels.get(i);
    }

    /** A white RGB image and an antialiased graphics context on it (the caller disposes it). */
    static BufferedImage blank(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("plot size " + width + "x" + height + " too small; need at least 200x150");
        }
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Palette.BACKGROUND);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    /** The figure title, centred at the top. */
    static void drawTitle(Graphics2D g, int width, String title) {
        if (title == null) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (width - fm.stringWidth(title)) / 2f, 6 + fm.getAscent());
    }

    public byte[] toPng() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("no PNG writer in this JRE");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the PNG atomically (readers never see half an image). */
    public void writePng(Path file) throws IOException {
        ReportFiles.write(file, toPng());
    }
}
