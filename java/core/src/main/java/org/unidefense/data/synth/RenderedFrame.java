package org.unidefense.data.synth;

import org.bytedeco.opencv.opencv_core.Mat;

/** A rendered RGB image with the scene it shows, so attacks can find the face parts. */
public record RenderedFrame(Mat image, Identity identity, FrameJitter jitter, Pose pose) {

    public int size() {
        return image.rows();
    }
}
