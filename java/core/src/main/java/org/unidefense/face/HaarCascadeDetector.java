package org.unidefense.face;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.unidefense.data.FaceBox;

/**
 * Frontal faces by OpenCV's Viola-Jones detector with the Haar cascade bundled in the OpenCV
 * jar ({@code haarcascade_frontalface_alt2.xml} by default: fewer false alarms than
 * {@code _default} at a similar hit rate). Pictures larger than {@link #maxSide} pixels are
 * shrunk for detection, which keeps the cost per frame bounded for HD video; boxes are mapped
 * back to the input's pixels.
 * <p>
 * Not thread-safe: OpenCV's {@code CascadeClassifier} keeps scratch state, so calls on one
 * instance are serialized. Give each worker thread its own instance (see
 * {@link PerThreadFaceDetector}) to detect in parallel; close instances when done.
 */
public final class HaarCascadeDetector implements FaceDetector, AutoCloseable {
    public static final String DEFAULT_CASCADE = "haarcascade_frontalface_alt2.xml";

    private final CascadeClassifier classifier;
    private final double scaleFactor;
    private final int minNeighbors;
    private final double minFaceFraction;
    private final int maxSide;

    /** The default cascade with scale step 1.1, 4 neighbours, faces at least 1/20 of the shorter side, 640 px. */
    public HaarCascadeDetector() {
        this(DEFAULT_CASCADE, 1.1, 4, 0.05, 640);
    }

    /**
     * @param cascade         a frontal-face cascade file name inside the OpenCV jar
     * @param scaleFactor     step between detection scales (&gt; 1; smaller finds more, slower)
     * @param minNeighbors    overlapping hits needed to accept a box (higher: fewer false alarms)
     * @param minFaceFraction smallest face side as a fraction of the picture's shorter side
     * @param maxSide         longest side the picture is shrunk to before detection
     */
    public HaarCascadeDetector(String cascade, double scaleFactor, int minNeighbors, double minFaceFraction, int maxSide) {
        if (!(scaleFactor > 1) || minNeighbors < 0 || !(minFaceFraction >= 0 && minFaceFraction < 1) || maxSide < 24) {
            throw new IllegalArgumentException("bad Haar detector parameters: scaleFactor " + scaleFactor
                    + ", minNeighbors " + minNeighbors + ", minFaceFraction " + minFaceFraction + ", maxSide " + maxSide);
        }
        this.classifier = new CascadeClassifier(CascadeFiles.haar(cascade).toString());
        // Outlive the caller's PointerScope (a worker's per-item scope would free it under us).
        // detach() releases the reference attach() took, which would free it at once: hold one more.
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            classifier.retainReference();
            scope.detach(classifier);
        }
        if (classifier.empty()) {
            classifier.close();
            throw new IllegalStateException("OpenCV could not load the cascade " + cascade);
        }
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minFaceFraction = minFaceFraction;
        this.maxSide = maxSide;
    }

    @Override
    public synchronized List<FaceBox> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(bgr.cols(), bgr.rows()));
        try (Mat gray = new Mat(); RectVector found = new RectVector()) {
            toGray(bgr, gray);
            if (scale < 1) {
                try (Size small = new Size((int) Math.round(bgr.cols() * scale), (int) Math.round(bgr.rows() * scale))) {
                    resize(gray, gray, small, 0, 0, INTER_AREA);
                }
            }
            // Lighting varies across videos; the cascade was trained on equalized faces.
            equalizeHist(gray, gray);
            int minSide = Math.max(20, (int) (minFaceFraction * Math.min(gray.cols(), gray.rows())));
            try (Size min = new Size(minSide, minSide); Size max = new Size()) {
                classifier.detectMultiScale(gray, found, scaleFactor, minNeighbors, 0, min, max);
            }
            return toBoxes(found, 1 / scale, bgr.cols(), bgr.rows());
        }
    }

    private static void toGray(Mat bgr, Mat gray) {
        switch (bgr.channels()) {
            case 1 -> bgr.copyTo(gray);
            case 4 -> cvtColor(bgr, gray, COLOR_BGRA2GRAY);
            default -> cvtColor(bgr, gray, COLOR_BGR2GRAY);
        }
    }

    private static List<FaceBox> toBoxes(RectVector found, double up, int width, int height) {
        List<FaceBox> boxes = new ArrayList<>((int) found.size());
        for (long i = 0; i < found.size(); i++) {
            try (Rect r = found.get(i)) {
                int x = Math.max(0, (int) Math.round(r.x() * up));
                int y = Math.max(0, (int) Math.round(r.y() * up));
                int w = Math.min(width - x, (int) Math.round(r.width() * up));
                int h = Math.min(height - y, (int) Math.round(r.height() * up));
                if (w > 0 && h > 0) {
                    boxes.add(new FaceBox(x, y, w, h));
                }
            }
        }
        boxes.sort(Comparator.comparingLong((FaceBox b) -> (long) b.width() * b.height()).reversed());
        return boxes;
    }

    @Override
    public synchronized void close() {
        classifier.close();
    }
}
