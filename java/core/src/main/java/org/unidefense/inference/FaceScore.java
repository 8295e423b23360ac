package org.unidefense.inference;

import org.unidefense.data.FaceBox;

/**
 * The model's verdict on one face of one picture.
 *
 * @param frame    0 for an image, the frame's index in the stream for a video frame
 * @param box      the face box in pixels of the decoded picture, null when the whole picture was scored
 * @param pReal    softmax probability of the real class (class 0), the score the reference's metrics use
 * @param pAttack  {@code 1 - pReal} as computed by the softmax (class 1)
 * @param decision {@link Decision#of} at the detector's threshold
 */
public record FaceScore(int frame, FaceBox box, double pReal, double pAttack, Decision decision) {
}
