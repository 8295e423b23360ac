package org.unidefense.media;

import org.bytedeco.opencv.opencv_core.Mat;

/** One open pass over the frames of a video, in stream order; what a decoder back end provides. */
interface FrameStream extends AutoCloseable {
    /** The container's idea of the frame count; 0 or less when it has none. May be wrong. */
    long estimatedFrameCount();

    /**
     * Moves to the next frame. {@code keep} says whether {@link #retrieve} will be called for it,
     * so a back end can skip the colour conversion of frames nobody keeps.
     *
     * @return false at the end of the stream
     */
    boolean advance(boolean keep);

    /** The current frame as a new 8-bit BGR Mat owned by the caller. */
    Mat retrieve();

    @Override
    void close();
}
