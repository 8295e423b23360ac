package org.unidefense.media;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_COUNT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_HEIGHT;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_PROP_FRAME_WIDTH;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_videoio.VideoCapture;
import org.unidefense.io.NativeErrors;

/**
 * Decodes videos with OpenCV's {@code VideoCapture}. The OpenCV preset is built without FFmpeg
 * or GStreamer: its only file back end is OpenCV's own MJPEG reader, so this decoder reads
 * Motion-JPEG AVI files (what OpenCV's {@code VideoWriter} writes with fourcc MJPG) and nothing
 * else; {@link FfmpegVideoDecoder} reads the rest. The back end is named explicitly so that
 * OpenCV does not fall through to its image-sequence reader, which would take the file name
 * for a pattern and log warnings.
 * <p>
 * Stateless and thread-safe: each call opens its own capture.
 */
public final class OpenCvVideoDecoder implements VideoDecoder {
    private final int apiPreference;

    /** The MJPEG back end, the only file reader of the bundled OpenCV build. */
    public OpenCvVideoDecoder() {
        this(CAP_OPENCV_MJPEG);
    }

    /** A given {@code cv::VideoCaptureAPIs} back end, for OpenCV builds that have others. */
    public OpenCvVideoDecoder(int apiPreference) {
        this.apiPreference = apiPreference;
    }

    @Override
    public List<Frame> sample(Path video, int framesPerVideo) {
        VideoFiles.requireReadableFile(video);
        return new SequentialSampler(video, () -> new CaptureStream(video, apiPreference)).sample(framesPerVideo);
    }

    private static final class CaptureStream implements FrameStream {
        private final VideoCapture capture;
        private final Path video;

        CaptureStream(Path video, int apiPreference) {
            this.video = video;
            VideoCapture c;
            try {
                c = new VideoCapture(video.toString(), apiPreference);
            } catch (RuntimeException e) {
                throw new MediaException(video + ": OpenCV cannot open the video" + NativeErrors.detail(e), e);
            }
            if (!c.isOpened()) {
                c.close();
                throw new MediaException(video + ": OpenCV cannot open the video"
                        + " (the bundled OpenCV reads only complete Motion-JPEG AVI files)");
            }
            try {
                PixelLimit.check(Math.round(c.get(CAP_PROP_FRAME_WIDTH)), Math.round(c.get(CAP_PROP_FRAME_HEIGHT)),
                        video.toString(), "the video's frame size");
            } catch (MediaException e) {
                c.close();
                throw e;
            }
            this.capture = c;
        }

        @Override
        public long estimatedFrameCount() {
            double n = capture.get(CAP_PROP_FRAME_COUNT);
            return Double.isFinite(n) ? (long) n : 0;
        }

        @Override
        public boolean advance(boolean keep) {
            try {
                return capture.grab();
            } catch (RuntimeException e) {
                throw new MediaException(video + ": a frame cannot be decoded (damaged video data)" + NativeErrors.detail(e), e);
            }
        }

        @Override
        public Mat retrieve() {
            Mat frame = new Mat();
            if (!capture.retrieve(frame) || frame.empty()) {
                frame.close();
                throw new MediaException(video + ": OpenCV could not decode a frame");
            }
            return toBgr8(frame, video);
        }

        @Override
        public void close() {
            capture.release();
            capture.close();
        }
    }

    private static Mat toBgr8(Mat frame, Path video) {
        int channels = frame.channels();
        if (frame.depth() == opencv_core.CV_8U && channels == 3) {
            return frame;
        }
        if (frame.depth() != opencv_core.CV_8U || (channels != 1 && channels != 4)) {
            frame.close();
            throw new MediaException(video + ": unexpected frame type " + frame.type() + " from OpenCV");
        }
        Mat bgr = new Mat();
        cvtColor(frame, bgr, channels == 1 ? COLOR_GRAY2BGR : COLOR_BGRA2BGR);
        frame.close();
        return bgr;
    }
}
