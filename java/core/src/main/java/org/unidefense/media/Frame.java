package org.unidefense.media;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded picture: an image file (index 0) or a video frame (its index in the stream).
 * The {@code bgr} Mat is 8-bit, 3-channel BGR, owned by whoever holds the frame.
 */
public record Frame(int index, Mat bgr) implements AutoCloseable {
    @Override
    public void close() {
        bgr.close();
    }
}
