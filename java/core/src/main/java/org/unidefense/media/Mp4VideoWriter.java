package org.unidefense.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Writes BGR frames as an MPEG-4 part 2 video in an mp4 container through FFmpeg (JavaCV's
 * recorder). MPEG-4 part 2 rather than H.264 because every FFmpeg build has its encoder; the
 * decoders read it like any FF++ download. Frames must all have the size given at creation.
 */
public final class Mp4VideoWriter implements AutoCloseable {
    static {
        av_log_set_level(AV_LOG_ERROR); // the recorder's stream summary is noise in batch runs
    }

    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    /**
     * @param quality FFmpeg's quantizer (2 = near lossless, 31 = worst); small values keep the
     *                rendered faces sharp enough for a face detector
     */
    public Mp4VideoWriter(Path file, int width, int height, double fps, int quality) {
        this.file = file;
        recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoQuality(quality);
        // Reproducible bytes: no encoder or creation-time tags that vary between runs.
        recorder.setMetadata("creation_time", "1970-01-01T00:00:00Z");
        recorder.setVideoOption("flags", "+bitexact");
        recorder.setOption("fflags", "+bitexact");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            converter.close();
            throw new MediaException(file + ": FFmpeg cannot start writing (" + e.getMessage() + ")", e);
        }
    }

    /** Appends one 8-bit BGR frame. */
    public void write(Mat bgr) {
        try {
            recorder.record(converter.convert(bgr));
        } catch (FrameRecorder.Exception e) {
            throw new MediaException(file + ": FFmpeg failed writing a frame (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new MediaException(file + ": FFmpeg failed finishing the video (" + e.getMessage() + ")", e);
        } finally {
            converter.close();
        }
    }
}
