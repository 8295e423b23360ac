package org.unidefense.report;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** Pixel look-ups for plot tests: is a colour (within a tolerance) near a point of an image. */
final class PlotPixels {
    private PlotPixels() {
    }

    static boolean near(BufferedImage img, double x, double y, int radius, Color c, int tolerance) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        for (int yy = cy - radius; yy <= cy + radius; yy++) {
            for (int xx = cx - radius; xx <= cx + radius; xx++) {
                if (xx >= 0 && yy >= 0 && xx < img.getWidth() && yy < img.getHeight()
                        && distance(new Color(img.getRGB(xx, yy)), c) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }

    static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    /** {@code c} painted with opacity {@code alpha} over white, as the histogram bars appear. */
    static Color overWhite(Color c, float alpha) {
        return new Color(Math.round(255 + (c.getRed() - 255) * alpha), Math.round(255 + (c.getGreen() - 255) * alpha),
                Math.round(255 + (c.getBlue() - 255) * alpha));
    }
}
