package org.unidefense.face;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.FaceBox;

/**
 * No detection: the whole picture is the face. For inputs that are already face crops, as
 * the benchmark datasets store them. Thread-safe.
 */
public final class WholeImage implements FaceDetector {
    @Override
    public List<FaceBox> detect(Mat bgr) {
        if (bgr.empty()) {
            return List.of();
        }
        return List.of(new FaceBox(0, 0, bgr.cols(), bgr.rows()));
    }
}
