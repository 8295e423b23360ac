package org.unidefense.prepare;

import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;

/**
 * One face crop of a video: the frame it comes from, the file name in the video's crop folder,
 * the detected box and the kept rectangle (box plus margin, clamped), both in frame pixels.
 */
public record CroppedFace(int frame, String file, FaceBox box, CropRect crop) {
}
