package org.unidefense.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoDecodersTest {
    private static final int FRAMES = 12;
    private static final int AVI_STEP = 10;
    private static final int MP4_STEP = 20;

    @TempDir
    static Path dir;
    static Path avi;
    static Path mp4;

    @BeforeAll
    static void writeVideos() throws Exception {
        avi = TestVideos.mjpegAvi(dir.resolve("clip-é.avi"), FRAMES, AVI_STEP);
        mp4 = TestVideos.mpeg4Mp4(dir.resolve("clip-é.mp4"), FRAMES, MP4_STEP);
    }

    /** Checks every frame is 8-bit BGR of the test size and shows its index's gray level; returns the indices. */
    private static int[] check(List<Frame> frames, int step, int tolerance) {
        try {
            for (Frame f : frames) {
                Mat m = f.bgr();
                assertEquals(CV_8UC3, m.type());
                assertEquals(TestVideos.HEIGHT, m.rows());
                assertEquals(TestVideos.WIDTH, m.cols());
                int level = m.ptr(TestVideos.HEIGHT / 2, TestVideos.WIDTH / 2).get() & 0xFF;
                assertEquals(step * f.index(), level, tolerance, "gray level of frame " + f.index());
            }
            return frames.stream().mapToInt(Frame::index).toArray();
        } finally {
            frames.forEach(Frame::close);
        }
    }

    @Test
    void openCvSamplesMjpegAviEvenly() {
        int[] got = check(new OpenCvVideoDecoder().sample(avi, 4), AVI_STEP, 3);
        assertArrayEquals(new int[]{0, 3, 7, 11}, got); // np.linspace(0, 11, 4).astype(int)
    }

    @Test
    void openCvReturnsAllFramesInOrderWhenKIsZero() {
        int[] got = check(new OpenCvVideoDecoder().sample(avi, 0), AVI_STEP, 3);
        assertArrayEquals(EvenSpacing.indices(FRAMES, 0), got);
    }

    @Test
    void ffmpegSamplesMp4Evenly() {
        int[] got = check(new FfmpegVideoDecoder().sample(mp4, 5), MP4_STEP, 8);
        assertArrayEquals(new int[]{0, 2, 5, 8, 11}, got); // np.linspace(0, 11, 5).astype(int)
        assertArrayEquals(EvenSpacing.indices(FRAMES, 0), check(new FfmpegVideoDecoder().sample(mp4, 0), MP4_STEP, 8));
    }

    @Test
    void ffmpegAlsoReadsTheMjpegAviWithTheSameIndices() {
        int[] got = check(new FfmpegVideoDecoder().sample(avi, 4), AVI_STEP, 3);
        assertArrayEquals(new int[]{0, 3, 7, 11}, got);
    }

    @Test
    void forPathReadsBothKinds() {
        assertArrayEquals(new int[]{0, 3, 7, 11}, check(VideoDecoders.forPath(avi).sample(avi, 4), AVI_STEP, 3));
        assertArrayEquals(new int[]{0, 3, 7, 11}, check(VideoDecoders.auto().sample(mp4, 4), MP4_STEP, 8));
    }

    @Test
    void decodersAreSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path video = i % 2 == 0 ? mp4 : avi;
                int step = i % 2 == 0 ? MP4_STEP : AVI_STEP;
                runs.add(pool.submit(() -> check(VideoDecoders.auto().sample(video, 4), step, 8)));
            }
            for (Future<int[]> run : runs) {
                assertArrayEquals(new int[]{0, 3, 7, 11}, run.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void openCvCannotReadMp4AndSaysWhy() {
        MediaException e = assertThrows(MediaException.class, () -> new OpenCvVideoDecoder().sample(mp4, 3));
        assertTrue(e.getMessage().startsWith(mp4 + ": OpenCV cannot open the video"), e.getMessage());
    }

    @Test
    void mp4RenamedToAviFallsBackToFfmpeg() throws Exception {
        Path disguised = Files.copy(mp4, dir.resolve("really-mp4.avi"));
        assertArrayEquals(new int[]{0, 5, 11}, check(VideoDecoders.forPath(disguised).sample(disguised, 3), MP4_STEP, 8));
    }

    @Test
    void unreadableVideosAreMediaExceptionsNamingTheFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video at all\n".repeat(20));
        MediaException e = assertThrows(MediaException.class, () -> VideoDecoders.forPath(text).sample(text, 4));
        assertTrue(e.getMessage().startsWith(text + ": not a readable video"), e.getMessage());
        assertTrue(e.getMessage().contains("; fallback: OpenCV cannot open the video"), e.getMessage());

        Path textAvi = Files.writeString(dir.resolve("notes.avi"), "not a video at all\n".repeat(20));
        e = assertThrows(MediaException.class, () -> VideoDecoders.forPath(textAvi).sample(textAvi, 4));
        assertTrue(e.getMessage().startsWith(textAvi + ": OpenCV cannot open the video"), e.getMessage());

        Path missing = dir.resolve("missing.mp4");
        assertEquals(missing + ": no such file",
                assertThrows(MediaException.class, () -> VideoDecoders.auto().sample(missing, 4)).getMessage());
        Path empty = Files.createFile(dir.resolve("empty.avi"));
        assertEquals(empty + ": is empty (0 bytes), not a video",
                assertThrows(MediaException.class, () -> VideoDecoders.auto().sample(empty, 4)).getMessage());
    }

    @Test
    void truncatedAviIsSampledOverTheFramesItStillHas() throws Exception {
        // The cut loses the AVI index (OpenCV gives up, FFmpeg reads on) while the header still
        // promises 12 frames: the sampler must spread the picks over the frames really there.
        byte[] bytes = Files.readAllBytes(avi);
        Path cut = Files.write(dir.resolve("cut.avi"), Arrays.copyOf(bytes, bytes.length * 6 / 10));
        int n = check(VideoDecoders.forPath(cut).sample(cut, 0), AVI_STEP, 3).length;
        assertTrue(n > 3 && n < FRAMES, "frames left after the cut: " + n);
        assertArrayEquals(EvenSpacing.indices(n, 3), check(VideoDecoders.forPath(cut).sample(cut, 3), AVI_STEP, 3));
    }
}
