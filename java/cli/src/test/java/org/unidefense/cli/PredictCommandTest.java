package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.inference.Detector;
import org.unidefense.inference.InputDecoders;
import org.unidefense.inference.TinyDetector;
import org.unidefense.media.Frame;
import org.unidefense.media.MediaException;
import org.unidefense.media.VideoDecoder;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense predict} end to end on generated pictures, bad files and (fake-decoded) videos. */
class PredictCommandTest {
    @TempDir
    static Path dir;
    static TinyDetector tiny;
    static Path in;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() throws Exception {
        tiny = new TinyDetector(dir.resolve("model"));
        in = dir.resolve("in");
        TinyDetector.writePicture(in.resolve("a.png"), 48, 40, 1);
        Path b = TinyDetector.writePicture(in.resolve("sub/b.jpg"), 56, 44, 2);
        Files.writeString(in.resolve("notes.jpg"), "this is text, not a JPEG\n");
        byte[] jpeg = Files.readAllBytes(b);
        Files.write(in.resolve("trunc.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.writeString(in.resolve("readme.md"), "skipped: not an image or video extension");
    }

    private static List<JsonNode> records(Path jsonl) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static double detectorScore(Path image) {
        try (Detector d = Detector.builder().checkpoint(tiny.checkpoint).config(tiny.modelFile).wholeImage().build()) {
            return d.detect(image).get(0).pReal();
        }
    }

    @Test
    void imagesAndBadFilesGiveOneRecordEachInOrderAndExitCode3() throws Exception {
        Path out = dir.resolve("res.jsonl");
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", "none", "--batch", "3", "--input", in.toString(),
                dir.resolve("gone.png").toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertFalse(r.err.contains("Exception") || r.err.contains("\tat "), r.err);
        List<JsonNode> recs = records(out);
        assertEquals(List.of("face", "error", "face", "error", "error"),
                recs.stream().map(n -> n.get("type").asText()).toList());
        assertEquals(List.of("a.png", "notes.jpg", "b.jpg", "trunc.jpg", "gone.png"),
                recs.stream().map(n -> Path.of(n.get("path").asText()).getFileName().toString()).toList());
        JsonNode a = recs.get(0);
        assertEquals(detectorScore(in.resolve("a.png")), a.get("p_real").asDouble(), 1e-6);
        assertEquals(1.0, a.get("p_real").asDouble() + a.get("p_attack").asDouble(), 1e-6);
        assertEquals(TinyDetector.THRESHOLD, a.get("threshold").asDouble());
        assertEquals(a.get("p_real").asDouble() > TinyDetector.THRESHOLD ? "real" : "attack", a.get("decision").asText());
        assertTrue(a.get("box").isNull(), "whole picture");
        assertEquals(0, a.get("frame").asInt());
        assertTrue(recs.get(1).get("error").asText().contains("not an image"), recs.get(1).toString());
        assertTrue(recs.get(3).get("error").asText().contains("truncated"), recs.get(3).toString());
        assertTrue(recs.get(4).get("error").asText().contains("no such file"), recs.get(4).toString());
        assertTrue(r.out.contains("predict: 5 items (4 images, 0 videos), 2 faces scored"), r.out);
        assertTrue(r.out.contains("3 failed"), r.out);
    }

    @Test
    void runFolderDefaultsToBestValAndSelectChoosesRecordsAndSummaryNameTheFile() throws Exception {
        Path run = tiny.runFolder(dir.resolve("runs"), "select");
        Files.copy(run.resolve("best.pt"), run.resolve("best_val.pt"));
        Path picture = in.resolve("a.png");
        for (String select : new String[]{null, "best", "best_val"}) {
            Path out = dir.resolve("select-" + select + ".jsonl");
            List<String> args = new ArrayList<>(List.of("predict", "--checkpoint", run.toString(), "--faces", "none",
                    "--input", picture.toString(), "--out", out.toString()));
            if (select != null) {
                args.addAll(List.of("--select", select));
            }
            MainTest.Run r = new MainTest.Run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.code, r.err);
            Path used = run.resolve((select == null ? "best_val" : select) + ".pt");
            assertEquals(used.toString(), records(out).get(0).get("checkpoint").asText());
            assertTrue(r.out.contains("; checkpoint " + used + ";"), r.out);
            assertTrue(r.err.contains("note: checkpoint " + used + ": "), r.err);
        }
        MainTest.Run bad = new MainTest.Run("predict", "--checkpoint", run.toString(), "--select", "newest",
                "--input", picture.toString());
        assertEquals(ExitCodes.USAGE, bad.code, bad.err);
        assertTrue(bad.err.contains("--select: expected one of best|best_val|latest, found 'newest'"), bad.err);
        MainTest.Run noLatest = new MainTest.Run("predict", "--checkpoint", run.toString(), "--select", "latest",
                "--input", picture.toString());
        assertEquals(ExitCodes.BAD_INPUT, noLatest.code, noLatest.err);
        assertTrue(noLatest.err.contains("holds no latest.pt"), noLatest.err);
    }

    @Test
    void listFileCsvOutputUserBoxesAndAnnotations() throws Exception {
        Path list = dir.resolve("lists/list.txt");
        Files.createDirectories(list.getParent());
        // relative to the working directory, as picocli's @files
        Path relativeA = Path.of("").toAbsolutePath().relativize(in.resolve("a.png").toAbsolutePath());
        Files.writeString(list, "# two pictures\n" + relativeA + "\n\n" + in.resolve("sub/b.jpg") + "\n");
        Path boxes = dir.resolve("boxes.csv");
        Files.writeString(boxes, "path,x,y,w,h\nin/a.png,10,8,20,22\nin/sub/b.jpg,30,20,40,30\nin/sub/b.jpg,1,1,5,5\n");
        Path out = dir.resolve("res.csv");
        Path ann = dir.resolve("ann");
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", boxes.toString(), "--input", list.toString(), "--out", out.toString(),
                "--annotate", ann.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, r.code, r.err + r.out + Files.readString(out));
        List<String> lines = Files.readAllLines(out);
        assertEquals("type,path,frame,x,y,w,h,p_real,p_attack,decision,threshold,frames_scored,frames_sampled,error,checkpoint",
                lines.get(0));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).matches("face,[^,]*a\\.png,0,10,8,20,22,.*"), lines.get(1));
        MainTest.Run at = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", boxes.toString(), "--input", "@" + list, "--out",
                dir.resolve("res-at.csv").toString());
        assertEquals(ExitCodes.OK, at.code, at.err);
        assertEquals(lines, Files.readAllLines(dir.resolve("res-at.csv")), "an @file lists the same inputs");
        assertTrue(lines.get(2).matches("face,[^,]*b\\.jpg,0,30,20,40,30,.*"), "largest box first: " + lines.get(2));
        assertTrue(lines.get(3).matches("face,[^,]*b\\.jpg,0,1,1,5,5,.*"), lines.get(3));
        try (var files = Files.list(ann)) {
            assertEquals(List.of("0001_a.jpg", "0002_b.jpg"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Mat m = org.bytedeco.opencv.global.opencv_imgcodecs.imread(ann.resolve("0001_a.jpg").toString())) {
            assertEquals(48, m.cols());
            assertEquals(40, m.rows());
        }
    }

    @Test
    void pictureWithoutAFaceIsAnErrorRecord() throws Exception {
        Path boxes = dir.resolve("only-a.csv");
        Files.writeString(boxes, in.resolve("a.png") + ",10,8,20,22\n");
        Path out = dir.resolve("noface.jsonl");
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", boxes.toString(), "--input", in.resolve("a.png").toString(),
                in.resolve("sub/b.jpg").toString(), "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        List<JsonNode> recs = records(out);
        assertEquals("face", recs.get(0).get("type").asText());
        assertEquals("no face found", recs.get(1).get("error").asText());
    }

    @Test
    void videosGetFrameRecordsAndAMeanAndUnopenableOnesAnErrorRecord() throws Exception {
        Files.createDirectories(dir.resolve("v"));
        Path ok = Files.writeString(dir.resolve("v/ok.avi").toAbsolutePath(), "frames come from the fake decoder");
        Files.writeString(dir.resolve("v/broken.mp4"), "not a video");
        VideoDecoder fake = (video, k) -> {
            if (!video.getFileName().toString().equals("ok.avi")) {
                throw new MediaException(video + ": cannot be opened as a video");
            }
            return List.of(new Frame(0, TinyDetector.picture(40, 40, 5)), new Frame(7, TinyDetector.picture(40, 40, 6)));
        };
        PredictCommand cmd = new PredictCommand();
        cmd.decoders = InputDecoders.defaults().withVideos(fake);
        CommandLine cl = Main.commandLine();
        CommandLine sub = new CommandLine(cmd);
        sub.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        sub.setOut(new PrintWriter(o));
        sub.setErr(new PrintWriter(e));
        Path out = dir.resolve("video.jsonl");
        int code = sub.execute("--checkpoint", tiny.checkpoint.toString(), "--config", tiny.modelFile.toString(),
                "--faces", "none", "--frames-per-video", "2", "--input", dir.resolve("v").toString(), "--out",
                out.toString());
        assertEquals(ExitCodes.BAD_INPUT, code, e.toString());
        List<JsonNode> recs = records(out);
        assertEquals(List.of("error", "face", "face", "video"), recs.stream().map(n -> n.get("type").asText()).toList());
        assertTrue(recs.get(0).get("path").asText().endsWith("broken.mp4"));
        assertTrue(recs.get(0).get("error").asText().contains("cannot be opened"));
        assertEquals(List.of(0, 7), List.of(recs.get(1).get("frame").asInt(), recs.get(2).get("frame").asInt()));
        JsonNode v = recs.get(3);
        assertEquals(ok.toString(), v.get("path").asText());
        double mean = (recs.get(1).get("p_real").asDouble() + recs.get(2).get("p_real").asDouble()) / 2;
        assertEquals(mean, v.get("p_real").asDouble(), 1e-12);
        assertEquals(2, v.get("frames_scored").asInt());
        assertEquals(2, v.get("frames_sampled").asInt());
        assertNull(v.get("frame"));
        assertTrue(o.toString().contains("2 videos"), o.toString());
    }

    @Test
    void badOptionsAreUserErrorsWithoutATrace() {
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", dir.resolve("missing.pt").toString(),
                "--input", in.toString(), "--faces", "none");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("no such file or folder"), r.err);
        MainTest.Run f = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--input", in.toString(), "--out", dir.resolve("x.txt").toString());
        assertEquals(ExitCodes.BAD_INPUT, f.code);
        assertTrue(f.err.contains(".jsonl or .csv"), f.err);
        assertFalse(f.err.contains("\tat "), f.err);
    }

    @Test
    void anEmptyFolderIsAnErrorNotZeroItems() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("readme.md"), "no pictures here");
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", "none", "--input", empty.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.out + r.err);
        assertTrue(r.err.contains("error: no images or videos found in " + empty), r.err);
        assertFalse(r.out.contains("0 items"), r.out);
    }

    @Test
    void wholePicturesAreNotSaidToBeCroppedWithAMargin() throws Exception {
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", "none", "--input", in.resolve("a.png").toString());
        assertEquals(ExitCodes.OK, r.code, r.out + r.err);
        assertFalse(r.err.contains("margin"), r.err);
        // with face detection the note is right and stays
        MainTest.Run haar = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--input", in.resolve("a.png").toString());
        assertTrue(haar.err.contains("cropping detected faces with margin"), haar.err);
    }

    @Test
    void facesAutoScoresAPictureWithoutADetectedFaceWhole() throws Exception {
        Path out = dir.resolve("auto.jsonl");
        MainTest.Run r = new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config",
                tiny.modelFile.toString(), "--faces", "auto", "--input", in.resolve("a.png").toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code, r.out + r.err);
        List<JsonNode> recs = records(out);
        assertEquals(1, recs.size(), recs.toString());
        assertEquals("face", recs.get(0).get("type").asText());
        assertTrue(recs.get(0).get("box").isNull(), "scored whole: " + recs.get(0));
        assertEquals(detectorScore(in.resolve("a.png")), recs.get(0).get("p_real").asDouble(), 1e-6);
        // the cascade alone finds no face in this noise picture
        Path haarOut = dir.resolve("haar.jsonl");
        new MainTest.Run("predict", "--checkpoint", tiny.checkpoint.toString(), "--config", tiny.modelFile.toString(),
                "--input", in.resolve("a.png").toString(), "--out", haarOut.toString());
        assertFalse(records(haarOut).get(0).get("type").asText().equals("face"), records(haarOut).toString());
    }
}
