package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Maps face units to pixels: a centre, a pixel length for one unit and an in-plane rotation.
 * Points are returned with {@link #SHIFT} fractional bits for OpenCV's sub-pixel drawing.
 */
public record Pose(double cx, double cy, double unit, double angleDeg) {
    public static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;

    public double x(double u, double v) {
        double t = Math.toRadians(angleDeg);
        return cx + unit * (u * Math.cos(t) - v * Math.sin(t));
    }

    public double y(double u, double v) {
        double t = Math.toRadians(angleDeg);
        return cy + unit * (u * Math.sin(t) + v * Math.cos(t));
    }

    /** Face units (u, v) of pixel (x, y): the inverse of {@link #x}/{@link #y}. */
    public double u(double x, double y) {
        double t = Math.toRadians(angleDeg);
        return ((x - cx) * Math.cos(t) + (y - cy) * Math.sin(t)) / unit;
    }

    public double v(double x, double y) {
        double t = Math.toRadians(angleDeg);
        return (-(x - cx) * Math.sin(t) + (y - cy) * Math.cos(t)) / unit;
    }

    Point point(double u, double v) {
        return new Point((int) Math.round(x(u, v) * ONE), (int) Math.round(y(u, v) * ONE));
    }

    Size axes(double au, double av) {
        return new Size((int) Math.round(au * unit * ONE), (int) Math.round(av * unit * ONE));
    }

    int pixels(double units) {
        return Math.max(1, (int) Math.round(units * unit));
    }
}
