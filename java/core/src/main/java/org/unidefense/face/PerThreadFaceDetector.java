package org.unidefense.face;

import java.util.List;
import java.util.function.Supplier;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.FaceBox;

/**
 * Shares a detector that is not thread-safe across worker threads by giving each thread its
 * own instance, created on first use. Instances live as long as their thread (a fixed worker
 * pool, typically); their native memory is released when the thread and this object are gone.
 */
public final class PerThreadFaceDetector implements FaceDetector {
    private final ThreadLocal<FaceDetector> detectors;

    public PerThreadFaceDetector(Supplier<? extends FaceDetector> factory) {
        this.detectors = ThreadLocal.withInitial(factory);
    }

    /** A Haar detector with default parameters per thread. */
    public static PerThreadFaceDetector haar() {
        return new PerThreadFaceDetector(HaarCascadeDetector::new);
    }

    @Override
    public List<FaceBox> detect(Mat bgr) {
        return detectors.get().detect(bgr);
    }
}
