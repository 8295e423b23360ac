package org.unidefense.media;

import java.nio.file.Path;
import java.util.List;

/**
 * Decodes frames of a video file. Implementations: {@link OpenCvVideoDecoder} (Motion-JPEG AVI),
 * {@link FfmpegVideoDecoder} (everything FFmpeg reads); {@link VideoDecoders#forPath} picks one.
 */
public interface VideoDecoder {
    /**
     * Up to {@code framesPerVideo} frames spread evenly over the video (all frames when it is 0 or
     * less), in stream order; the picks are {@link EvenSpacing#indices} of the real frame count,
     * and each frame's index is its position in the decoded stream. The caller closes the frames.
     *
     * @throws MediaException when the file cannot be opened or yields no frame
     */
    List<Frame> sample(Path video, int framesPerVideo);
}
