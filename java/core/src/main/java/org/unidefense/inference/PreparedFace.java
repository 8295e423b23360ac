package org.unidefense.inference;

import org.unidefense.data.FaceBox;
import org.unidefense.data.transform.ChwImage;

/**
 * One face ready for the model.
 *
 * @param frame frame index (0 for an image)
 * @param box   the face in pixels of the picture, null for the whole picture
 * @param input the cropped and transformed face, CHW
 */
public record PreparedFace(int frame, FaceBox box, ChwImage input) {
}
