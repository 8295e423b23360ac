package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Maps face units to pixels: a centre, a pixel length for one unit and an in-plane rotation.
 * Points are returned with {@link #SHIFT} fractional bits for OpenCV's sub-pixel drawing.
 */
public final class Pose {
    public static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;

    private final double cx;
    private final double cy;
    private final double unit;
    private final double angleDeg;
    private final double cos;
    private final double sin;

    public Pose(double cx, double cy, double unit, double angleDeg) {
        this.cx = cx;
        this.cy = cy;
        this.unit = unit;
        this.angleDeg = angleDeg;
        this.cos = Math.cos(Math.toRadians(angleDeg));
        this.sin = Math.sin(Math.toRadians(angleDeg));
    }

    public double unit() {
        return unit;
    }

    public double angleDeg() {
        return angleDeg;
    }

    public double x(double u, double v) {
        return cx + unit * (u * cos - v * sin);
    }

    public double y(double u, double v) {
        return cy + unit * (u * sin + v * cos);
    }

    /** Face units (u, v) of pixel (x, y): the inverse of {@link #x}/{@link #y}. */
    public double u(double x, double y) {
        return ((x - cx) * cos + (y - cy) * sin) / unit;
    }

    public double v(double x, double y) {
        return (-(x - cx) * sin + (y - cy) * cos) / unit;
    }

    Point point(double u, double v) {
        return new Point((int) Math.round(x(u, v) * ONE), (int) Math.round(y(u, v) * ONE));
    }

    Size axes(double au, double av) {
        return new Size((int) Math.round(Math.abs(au) * unit * ONE), (int) Math.round(Math.abs(av) * unit * ONE));
    }

    int pixels(double units) {
        return Math.max(1, (int) Math.round(units * unit));
    }
}
