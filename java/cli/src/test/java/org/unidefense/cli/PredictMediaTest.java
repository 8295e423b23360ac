package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.synth.FaceRenderer;
import org.unidefense.data.synth.FrameJitter;
import org.unidefense.data.synth.Identity;
import org.unidefense.inference.Detector;
import org.unidefense.inference.TinyDetector;
import org.unidefense.media.Frame;
import org.unidefense.media.TestVideos;
import org.unidefense.media.VideoDecoders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code predict} on real media: an MJPEG AVI written by OpenCV, an MPEG-4 mp4 written by FFmpeg,
 * and a rendered face found by the Haar cascade (the default {@code --faces haar}).
 */
class PredictMediaTest {
    @TempDir
    static Path dir;
    static TinyDetector tiny;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() {
        tiny = new TinyDetector(dir.resolve("model"));
    }

    private static List<JsonNode> predict(String... extra) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".jsonl");
        List<String> args = new ArrayList<>(List.of("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        MainTest.Run r = new MainTest.Run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.code, r.err);
        List<JsonNode> recs = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            recs.add(JSON.readTree(line));
        }
        return recs;
    }

    /** Frame records equal the Detector on the same decoded frames; the video record is their mean. */
    private static void checkVideo(Path video) throws Exception {
        List<JsonNode> recs = predict("--faces", "none", "--frames-per-video", "3", "--input", video.toString());
        assertEquals(List.of("face", "face", "face", "video"), recs.stream().map(n -> n.get("type").asText()).toList());
        List<Frame> frames = VideoDecoders.forPath(video).sample(video, 3);
        double sum = 0;
        try (Detector d = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).wholeImage().build()) {
            for (int i = 0; i < 3; i++) {
                JsonNode rec = recs.get(i);
                assertEquals(frames.get(i).index(), rec.get("frame").asInt());
                double expected = d.detect(frames.get(i).bgr()).get(0).pReal();
                assertEquals(expected, rec.get("p_real").asDouble(), 1e-6, "frame " + i);
                sum += rec.get("p_real").asDouble();
            }
        } finally {
            frames.forEach(Frame::close);
        }
        // 10 frames sampled 3 times evenly: the first, the middle and the last
        assertEquals(List.of(0, 4, 9), recs.subList(0, 3).stream().map(n -> n.get("frame").asInt()).toList());
        JsonNode v = recs.get(3);
        assertEquals(sum / 3, v.get("p_real").asDouble(), 1e-9);
        assertEquals(3, v.get("frames_scored").asInt());
    }

    @Test
    void mjpegAviFramesAreScoredAndAveraged() throws Exception {
        checkVideo(TestVideos.mjpegAvi(dir.resolve("clip.avi"), 10, 20));
    }

    @Test
    void mp4FramesAreScoredAndAveraged() throws Exception {
        checkVideo(TestVideos.mpeg4Mp4(dir.resolve("clip.mp4"), 10, 20));
    }

    @Test
    void theHaarCascadeFindsARenderedFaceByDefault() throws Exception {
        int size = 256;
        org.unidefense.data.synth.RenderedFrame face = new FaceRenderer(size).render(Identity.fromSeed(2), FrameJitter.neutral(2));
        Path png = dir.resolve("face.png");
        try (Mat bgr = new Mat()) {
            cvtColor(face.image(), bgr, COLOR_RGB2BGR);
            assertTrue(imwrite(png.toString(), bgr));
        }
        double cx = face.pose().x(0, 0);
        double cy = face.pose().y(0, 0);
        double unit = face.pose().unit();
        face.image().close();
        List<JsonNode> recs = predict("--input", png.toString());
        assertEquals("face", recs.get(0).get("type").asText(), recs.toString());
        JsonNode box = recs.get(0).get("box");
        double bx = box.get(0).asInt() + box.get(2).asInt() / 2.0;
        double by = box.get(1).asInt() + box.get(3).asInt() / 2.0;
        assertTrue(Math.hypot(bx - cx, by - cy) < 0.4 * unit, "box " + box + " is not on the face at " + cx + "," + cy);
    }
}
