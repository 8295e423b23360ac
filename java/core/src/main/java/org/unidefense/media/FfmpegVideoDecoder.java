package org.unidefense.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.io.NativeErrors;

/**
 * Decodes videos with FFmpeg (JavaCV's {@code FFmpegFrameGrabber} on the FFmpeg preset): mp4,
 * mkv, mov, webm, AVI with any codec the preset's FFmpeg decodes (H.264, HEVC, MPEG-4, VP8/9,
 * AV1, MJPEG...). Frames come out as BGR24, converted only for the frames that are kept.
 * <p>
 * Stateless and thread-safe: each call opens its own grabber. FFmpeg's log is silenced once,
 * process-wide ({@link NativeLogging}): failures reach the caller as {@link MediaException}s.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {
    static {
        NativeLogging.quiet();
    }

    @Override
    public List<Frame> sample(Path video, int framesPerVideo) {
        VideoFiles.requireReadableFile(video);
        return new SequentialSampler(video, () -> new GrabberStream(video)).sample(framesPerVideo);
    }

    private static final class GrabberStream implements FrameStream {
        private final Path video;
        private final FFmpegFrameGrabber grabber;
        private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        private org.bytedeco.javacv.Frame current;

        GrabberStream(Path video) {
            this.video = video;
            FFmpegFrameGrabber g = new FFmpegFrameGrabber(video.toFile());
            g.setPixelFormat(AV_PIX_FMT_BGR24);
            try {
                g.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                closeQuietly(g);
                // JavaCV's message is about its own API ("Has setFormat() been called?"), not the file
                throw new MediaException(video + ": not a readable video (damaged, incomplete, or not a video format"
                        + " FFmpeg knows)" + NativeErrors.detail(e), e);
            }
            if (!g.hasVideo()) {
                closeQuietly(g);
                throw new MediaException(video + ": has no video stream");
            }
            try {
                PixelLimit.check(g.getImageWidth(), g.getImageHeight(), video.toString(), "the video's frame size");
            } catch (MediaException e) {
                closeQuietly(g);
                throw e;
            }
            this.grabber = g;
        }

        @Override
        public long estimatedFrameCount() {
            return grabber.getLengthInVideoFrames();
        }

        @Override
        public boolean advance(boolean keep) {
            try {
                current = grabber.grabFrame(false, true, keep, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                throw new MediaException(video + ": a frame cannot be decoded (damaged video data)" + NativeErrors.detail(e), e);
            }
            return current != null && current.image != null;
        }

        @Override
        public Mat retrieve() {
            // The converted Mat views the grabber's buffer, which the next grab overwrites.
            Mat view = converter.convert(current);
            if (view == null || view.empty() || view.channels() != 3) {
                throw new MediaException(video + ": FFmpeg returned a frame that is not 3-channel BGR");
            }
            return view.clone();
        }

        @Override
        public void close() {
            closeQuietly(grabber);
            converter.close();
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // Releasing a half-open grabber can fail again; the first error is the one reported.
        }
    }
}
