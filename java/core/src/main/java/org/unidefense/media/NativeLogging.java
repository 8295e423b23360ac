package org.unidefense.media;

import org.unidefense.io.NativeErrors;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

/**
 * Keeps the native media libraries from writing to the console: FFmpeg's log (e.g. "moov atom not
 * found" for a damaged mp4) is switched off, since every failure reaches the user as a
 * {@link MediaException} in our words; with {@code UNIDEFENSE_DEBUG=1} FFmpeg's errors are shown.
 * OpenCV's own log (the "[ WARN ...] cap.cpp" lines) is set by the {@code OPENCV_LOG_LEVEL}
 * environment variable, which the {@code unidefense} launcher sets to ERROR (the preset exposes no
 * call for it).
 */
public final class NativeLogging {
    private static volatile boolean done;

    private NativeLogging() {
    }

    /** Applies the quiet setting once per process. */
    public static void quiet() {
        if (!done) {
            synchronized (NativeLogging.class) {
                if (!done) {
                    av_log_set_level(NativeErrors.debug() ? AV_LOG_ERROR : AV_LOG_QUIET);
                    done = true;
                }
            }
        }
    }
}
