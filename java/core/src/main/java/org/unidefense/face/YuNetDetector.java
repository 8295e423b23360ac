package org.unidefense.face;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;
import org.unidefense.data.FaceBox;

/**
 * Faces by OpenCV's {@code FaceDetectorYN} with the YuNet network of the OpenCV model zoo, a
 * CNN that finds turned, small and partly hidden faces the Haar cascade misses. The model file is
 * the user's to supply (see {@link YuNetModel}); nothing is downloaded. Boxes are in the input's
 * pixels, clamped, largest first. Not thread-safe: one instance per thread
 * ({@link PerThreadFaceDetector}).
 */
public final class YuNetDetector implements FaceDetector, AutoCloseable {
    private final FaceDetectorYN detector;
    private int width = -1;
    private int height = -1;

    /** @param model a verified YuNet ONNX file ({@link YuNetModel#locate}) */
    public YuNetDetector(Path model, float scoreThreshold) {
        try (Size initial = new Size(320, 320)) {
            detector = FaceDetectorYN.create(model.toString(), "", initial, scoreThreshold, 0.3f, 5000, 0, 0);
        }
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            // Outlive a worker's per-item scope; detach() drops the reference attach() took.
            detector.retainReference();
            scope.detach(detector);
        }
    }

    public YuNetDetector(Path model) {
        this(model, 0.7f);
    }

    @Override
    public synchronized List<FaceBox> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        if (bgr.cols() != width || bgr.rows() != height) {
            width = bgr.cols();
            height = bgr.rows();
            try (Size s = new Size(width, height)) {
                detector.setInputSize(s);
            }
        }
        try (Mat faces = new Mat()) {
            detector.detect(bgr, faces);
            List<FaceBox> boxes = new ArrayList<>();
            if (faces.empty()) {
                return boxes;
            }
            // One row per face: x, y, w, h, five landmarks (x, y), score; 32-bit floats.
            FloatPointer p = new FloatPointer(faces.data());
            int cols = faces.cols();
            for (int r = 0; r < faces.rows(); r++) {
                int x = Math.max(0, Math.round(p.get((long) r * cols)));
                int y = Math.max(0, Math.round(p.get((long) r * cols + 1)));
                int w = Math.min(width - x, Math.round(p.get((long) r * cols + 2)));
                int h = Math.min(height - y, Math.round(p.get((long) r * cols + 3)));
                if (w > 0 && h > 0) {
                    boxes.add(new FaceBox(x, y, w, h));
                }
            }
            boxes.sort(Comparator.comparingLong((FaceBox b) -> (long) b.width() * b.height()).reversed());
            return boxes;
        }
    }

    @Override
    public synchronized void close() {
        detector.close();
    }
}
