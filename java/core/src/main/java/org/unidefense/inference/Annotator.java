package org.unidefense.inference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.unidefense.data.CropRect;
import org.unidefense.media.MediaException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

/**
 * Writes a copy of a scored picture with each face's box (green = real, red = attack) and its
 * P(real), as {@code <dir>/<item number>_<file name>[_f<frame>].jpg}.
 */
final class Annotator {
    private static final Scalar REAL = new Scalar(0, 200, 0, 0);
    private static final Scalar ATTACK = new Scalar(0, 0, 230, 0);

    private final Path dir;
    private final Preprocessing preprocessing;

    Annotator(Path dir, Preprocessing preprocessing) {
        this.dir = dir;
        this.preprocessing = preprocessing;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the annotation folder " + dir, e);
        }
    }

    /** Draws on {@code bgr} (modified) and writes it; returns the file written. */
    Path write(int itemNumber, Path item, boolean video, int frame, Mat bgr, List<FaceScore> faces) {
        int thickness = Math.max(1, Math.min(bgr.cols(), bgr.rows()) / 200);
        double fontScale = Math.max(0.4, Math.min(bgr.cols(), bgr.rows()) / 600.0);
        for (FaceScore f : faces) {
            Scalar color = f.decision() == Decision.REAL ? REAL : ATTACK;
            Rect r = f.box() == null ? new Rect(0, 0, bgr.cols(), bgr.rows())
                    : new Rect(f.box().x(), f.box().y(), f.box().width(), f.box().height());
            rectangle(bgr, r, color, thickness, LINE_AA, 0);
            if (f.box() != null) {
                // The region the model saw: the box grown by the margin, drawn thin.
                CropRect c = preprocessing.cropRect(f.box(), bgr.cols(), bgr.rows());
                rectangle(bgr, new Rect(c.x1(), c.y1(), c.width(), c.height()), color, 1, LINE_AA, 0);
            }
            String label = String.format(Locale.ROOT, "%s %.3f", f.decision().label(), f.pReal());
            int y = Math.max(r.y() - 4, (int) (14 * fontScale) + 2);
            putText(bgr, label, new Point(r.x() + 2, y), FONT_HERSHEY_SIMPLEX, fontScale, color, thickness, LINE_AA,
                    false);
        }
        String name = item.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        Path out = dir.resolve(String.format(Locale.ROOT, "%04d_%s%s.jpg", itemNumber, stem,
                video ? "_f" + frame : ""));
        if (!imwrite(out.toString(), bgr)) {
            throw new MediaException(out + ": the annotated picture could not be written");
        }
        return out;
    }
}
