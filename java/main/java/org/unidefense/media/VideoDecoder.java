package org.unidefense.media;

import java.nio.file.Path;
import java.util.List;

/** Decodes frames of a video file. */
public interface VideoDecoder {
    /**
     * Up to {@code framesPerVideo} frames spread evenly over the video (all frames when it is 0 or
     * less), in stream order.
     *
     * @throws MediaException when the file cannot be opened or yields no frame
     */
    List<Frame> sample(Path video, int framesPerVideo);
}
