package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;

/** OpenCV drawing in face units through a {@link Pose} (anti-aliased, sub-pixel). */
final class Canvas {
    private final Mat image;
    private final Pose pose;

    Canvas(Mat image, Pose pose) {
        this.image = image;
        this.pose = pose;
    }

    Pose pose() {
        return pose;
    }

    void fillEllipse(double u, double v, double au, double av, double tiltDeg, Scalar colour) {
        arc(u, v, au, av, tiltDeg, 0, 360, colour, -1);
    }

    /** An elliptic arc; {@code thickness} in face units, negative for a filled sector. */
    void arc(double u, double v, double au, double av, double tiltDeg, double fromDeg, double toDeg,
            Scalar colour, double thickness) {
        int t = thickness < 0 ? FILLED : pose.pixels(thickness);
        ellipse(image, pose.point(u, v), pose.axes(au, av), pose.angleDeg() + tiltDeg, fromDeg, toDeg,
                colour, t, LINE_AA, Pose.SHIFT);
    }

    void line(double u1, double v1, double u2, double v2, Scalar colour, double thickness) {
        org.bytedeco.opencv.global.opencv_imgproc.line(image, pose.point(u1, v1), pose.point(u2, v2), colour,
                pose.pixels(thickness), LINE_AA, Pose.SHIFT);
    }

    /** A filled convex polygon through (u, v) pairs. */
    void fillPolygon(Scalar colour, double... uv) {
        int n = uv.length / 2;
        Point pts = new Point(n);
        for (int i = 0; i < n; i++) {
            Point p = pose.point(uv[2 * i], uv[2 * i + 1]);
            pts.position(i).x(p.x()).y(p.y());
        }
        pts.position(0);
        fillConvexPoly(image, pts, n, colour, LINE_AA, Pose.SHIFT);
    }
}
