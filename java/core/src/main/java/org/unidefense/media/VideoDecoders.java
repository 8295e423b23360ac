package org.unidefense.media;

import java.nio.file.Path;
import java.util.Set;

/**
 * Picks a decoder for a video file: OpenCV's MJPEG reader for {@code .avi}/{@code .mjpeg}
 * (no FFmpeg start-up, and what OpenCV's VideoWriter produces), FFmpeg for everything else,
 * each falling back on the other when it cannot read the file (an AVI holding H.264, say).
 */
public final class VideoDecoders {
    private static final Set<String> OPENCV_FIRST = Set.of("avi", "mjpeg", "mjpg");
    private static final VideoDecoder OPENCV = new OpenCvVideoDecoder();
    private static final VideoDecoder FFMPEG = new FfmpegVideoDecoder();
    private static final VideoDecoder OPENCV_THEN_FFMPEG = new FallbackVideoDecoder(OPENCV, FFMPEG);
    private static final VideoDecoder FFMPEG_THEN_OPENCV = new FallbackVideoDecoder(FFMPEG, OPENCV);
    private static final VideoDecoder AUTO = (video, k) -> forPath(video).sample(video, k);

    private VideoDecoders() {
    }

    /** The decoder to use for {@code video}, chosen by its extension; thread-safe. */
    public static VideoDecoder forPath(Path video) {
        return OPENCV_FIRST.contains(MediaKind.extension(video)) ? OPENCV_THEN_FFMPEG : FFMPEG_THEN_OPENCV;
    }

    /** A decoder that chooses with {@link #forPath} for each video it is given; thread-safe. */
    public static VideoDecoder auto() {
        return AUTO;
    }
}
