package org.unidefense.media;

import java.nio.file.Path;
import java.util.List;

/** Tries one decoder and, when it cannot read the video, another; reports both failures. */
final class FallbackVideoDecoder implements VideoDecoder {
    private final VideoDecoder first;
    private final VideoDecoder second;

    FallbackVideoDecoder(VideoDecoder first, VideoDecoder second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public List<Frame> sample(Path video, int framesPerVideo) {
        VideoFiles.requireReadableFile(video); // a bad path is the same failure for both
        try {
            return first.sample(video, framesPerVideo);
        } catch (MediaException firstFailure) {
            try {
                return second.sample(video, framesPerVideo);
            } catch (MediaException secondFailure) {
                MediaException both = new MediaException(firstFailure.getMessage()
                        + "; fallback: " + withoutPath(secondFailure.getMessage(), video), firstFailure);
                both.addSuppressed(secondFailure);
                throw both;
            }
        }
    }

    private static String withoutPath(String message, Path video) {
        String prefix = video + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
