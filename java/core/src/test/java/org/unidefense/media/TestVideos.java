package org.unidefense.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_videoio.CAP_OPENCV_MJPEG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_videoio.VideoWriter;

/** Small generated videos whose frame {@code i} is a uniform gray of level {@code step * i}. */
public final class TestVideos {
    static final int WIDTH = 64;
    static final int HEIGHT = 48;

    static {
        av_log_set_level(AV_LOG_ERROR); // the recorder's stream summary is noise in test logs
    }

    private TestVideos() {
    }

    public static Mat gray(int level) {
        return new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(level, level, level, 0));
    }

    /** Motion-JPEG AVI written by OpenCV's VideoWriter. */
    public static Path mjpegAvi(Path file, int frames, int step) {
        try (Size size = new Size(WIDTH, HEIGHT);
             VideoWriter writer = new VideoWriter(file.toString(), CAP_OPENCV_MJPEG,
                     VideoWriter.fourcc((byte) 'M', (byte) 'J', (byte) 'P', (byte) 'G'), 25, size, true)) {
            assertTrue(writer.isOpened(), "OpenCV's VideoWriter cannot write MJPEG AVI");
            for (int i = 0; i < frames; i++) {
                try (Mat m = gray(step * i)) {
                    writer.write(m);
                }
            }
            writer.release();
        }
        return file;
    }

    /** MPEG-4 part 2 in an mp4 container, written by FFmpeg through JavaCV. */
    public static Path mpeg4Mp4(Path file, int frames, int step) throws FrameRecorder.Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(25);
            recorder.setVideoQuality(2); // near-lossless quantizer: flat frames stay within a few levels
            recorder.start();
            for (int i = 0; i < frames; i++) {
                try (Mat m = gray(step * i)) {
                    recorder.record(converter.convert(m));
                }
            }
            recorder.stop();
        }
        return file;
    }
}
