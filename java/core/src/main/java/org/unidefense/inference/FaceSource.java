package org.unidefense.inference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.FaceBox;
import org.unidefense.face.FaceDetector;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the faces of a picture are: found by a {@link FaceDetector}, given by the user per file
 * and frame, or the whole picture (input already cropped to the face, as in the benchmarks).
 * Boxes largest first; an empty list means no face.
 */
@FunctionalInterface
public interface FaceSource {
    /**
     * @param item  the file the picture came from (null for in-memory pictures)
     * @param frame the frame index (0 for images)
     * @param bgr   the decoded picture
     * @return face boxes; a single {@code null} entry stands for "the whole picture"
     */
    List<FaceBox> faces(Path item, int frame, Mat bgr);

    /** The whole picture is one face: no cropping beyond the test transforms. */
    static FaceSource wholeImage() {
        return (item, frame, bgr) -> java.util.Collections.singletonList(null);
    }

    /** Faces found by {@code detector}. */
    static FaceSource of(FaceDetector detector) {
        return (item, frame, bgr) -> detector.detect(bgr);
    }

    /**
     * Faces found by a detector (one per calling thread, made by {@code perThread}); a picture in
     * which it finds none is scored whole, as a face crop (its record has no box). For inputs that
     * may already be crops, such as a benchmark's stored faces, on which a face detector often fails.
     */
    static FaceSource detectedOrWhole(java.util.function.Supplier<FaceDetector> perThread) {
        ThreadLocal<FaceDetector> local = ThreadLocal.withInitial(perThread);
        return (item, frame, bgr) -> {
            List<FaceBox> found = local.get().detect(bgr);
            return found.isEmpty() ? java.util.Collections.singletonList(null) : found;
        };
    }
}
