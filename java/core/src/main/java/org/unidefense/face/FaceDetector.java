package org.unidefense.face;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.FaceBox;

import java.util.List;

/**
 * Finds faces in a decoded BGR picture; boxes in pixels of that picture, largest first.
 * An empty list means no face was found.
 */
public interface FaceDetector {
    List<FaceBox> detect(Mat bgr);
}
