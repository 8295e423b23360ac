package org.unidefense.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.cli.ExitCodes;
import org.unidefense.cli.Main;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.dataset.FaceForensicsReader;
import org.unidefense.data.dataset.StoreOpener;
import org.unidefense.face.HaarCascadeDetector;
import org.unidefense.media.EvenSpacing;
import org.unidefense.media.Frame;
import org.unidefense.media.ImageFiles;
import org.unidefense.media.VideoDecoders;

/**
 * {@code prepare ffpp} on the synthetic FF++ download tree (real mp4 files of rendered faces,
 * official folder names and split files): the truth is the split files and where the generator
 * drew each face.
 */
class PrepareFfppTest {
    private static final int FRAMES = 4;
    private static final List<String> ALL = FaceForensicsReader.METHODS;

    @TempDir
    static Path dir;
    private static Path src;
    private static Path out;
    private static SyntheticDownloads.Summary drawn;

    @BeforeAll
    static void prepareOnce() {
        src = dir.resolve("download");
        out = dir.resolve("prepared");
        drawn = SyntheticDownloads.ffpp(src, SyntheticDownloads.Options.small(3));
        prepare(src, out, 2);
    }

    private static FfppPreparer.Summary prepare(Path from, Path to, int workers) {
        return FfppPreparer.prepare(new FfppPreparer.Request(from, to, "c23", null, FfppLayout.METHODS,
                new CropSettings(FRAMES, 0.3, false, "haar"), workers, new ReadyConfigs.Schedule(32, 2, 2, "tiny")),
                HaarCascadeDetector::new, new StringWriter());
    }

    /** Split → video folder ("<sequence>/frames/<id>") → label, from the split files alone. */
    private static Map<String, Map<String, Integer>> expectedVideos() throws IOException {
        Map<String, Map<String, Integer>> out = new HashMap<>();
        for (String split : FfppLayout.SPLITS) {
            Map<String, Integer> videos = new HashMap<>();
            for (JsonNode pair : new ObjectMapper().readTree(src.resolve("splits/" + split + ".json").toFile())) {
                String a = pair.get(0).asText();
                String b = pair.get(1).asText();
                for (String id : List.of(a, b)) {
                    videos.put("original_sequences/youtube/c23/frames/" + id, 0);
                }
                for (String m : SyntheticDownloads.METHODS) {
                    videos.put("manipulated_sequences/" + m + "/c23/frames/" + a + "_" + b, 1);
                    videos.put("manipulated_sequences/" + m + "/c23/frames/" + b + "_" + a, 1);
                }
            }
            out.put(split, videos);
        }
        return out;
    }

    @Test
    void theSyntheticDownloadIsSmallRealVideoInTheOfficialLayout() throws IOException {
        assertEquals(40, drawn.drawnFaces().size());
        for (Map<String, Integer> videos : expectedVideos().values()) {
            for (String v : videos.keySet()) {
                Path mp4 = src.resolve(v.replace("/frames/", "/videos/") + ".mp4");
                assertTrue(Files.isRegularFile(mp4), mp4 + " missing");
                assertTrue(Files.size(mp4) < 100_000, mp4 + " is not tiny");
            }
        }
        try (PointerScope scope = new PointerScope()) {
            List<Frame> frames = VideoDecoders.auto().sample(src.resolve("original_sequences/youtube/c23/videos/000.mp4"), 0);
            assertEquals(8, frames.size());
            assertEquals(176, frames.get(0).bgr().cols());
            assertEquals(144, frames.get(0).bgr().rows());
        }
    }

    @Test
    void theIndexLoadsWithTheReaderAndListsTheSplitsVideosFramesAndLabels() throws IOException {
        Map<String, Map<String, Integer>> expected = expectedVideos();
        Set<Integer> picked = new HashSet<>();
        for (int i : EvenSpacing.indices(8, FRAMES)) {
            picked.add(i);
        }
        FaceForensicsReader reader = new FaceForensicsReader(out, "c23", null, StoreOpener.EAGER);
        int total = 0;
        for (String split : FfppLayout.SPLITS) {
            List<Sample> samples = reader.read(split, ALL, null, new NumpyRandom(0));
            Set<String> onDisk = new TreeSet<>();
            for (String video : expected.get(split).keySet()) {
                Path d = out.resolve(video);
                if (Files.isDirectory(d)) {
                    try (Stream<Path> s = Files.list(d)) {
                        s.forEach(p -> onDisk.add(video + "/" + p.getFileName()));
                    }
                }
            }
            Set<String> listed = new TreeSet<>();
            for (Sample s : samples) {
                Integer label = expected.get(split).get(s.videoId());
                assertTrue(label != null, s.path() + " is not a video of the " + split + " split");
                assertEquals(label, s.label(), s.path());
                String frame = s.path().substring(s.path().lastIndexOf('/') + 1);
                assertTrue(picked.contains(Integer.parseInt(frame.substring(0, 4))), s.path() + " is not an evenly spaced frame");
                listed.add(s.path());
            }
            assertEquals(onDisk, listed, split + ": the index must list exactly the crops on disk");
            assertEquals(samples.size(), listed.size(), split + ": a crop listed twice");
            total += samples.size();
        }
        // Every frame either gave a crop or is reported without a face.
        JsonNode manifest = new ObjectMapper().readTree(out.resolve(PrepareManifest.FILE).toFile());
        assertEquals(40 * FRAMES, total + manifest.get("totals").get("framesWithoutFace").asInt());
        assertTrue(total >= 0.6 * 40 * FRAMES, "faces found in only " + total + " frames");
        assertEquals(0, manifest.get("errors").size());
    }

    private static double iou(FaceBox a, FaceBox b) {
        double ix = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
        double iy = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
        double inter = ix * iy;
        return inter / ((double) a.width() * a.height() + (double) b.width() * b.height() - inter);
    }

    private static double covered(FaceBox face, CropRect crop) {
        double ix = Math.max(0, Math.min(face.x() + face.width(), crop.x2()) - Math.max(face.x(), crop.x1()));
        double iy = Math.max(0, Math.min(face.y() + face.height(), crop.y2()) - Math.max(face.y(), crop.y1()));
        return ix * iy / ((double) face.width() * face.height());
    }

    @Test
    void cropsAreTheFramePixelsAroundTheRenderedFace() throws IOException {
        List<Double> ious = new ArrayList<>();
        int crops = 0;
        try (Stream<Path> files = Files.walk(out.resolve(PrepareRun.STATE_DIR).resolve("videos"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                VideoRecord r = VideoRecordJson.read(f);
                List<FaceBox> truth = drawn.drawnFaces().get(r.name());
                try (PointerScope scope = new PointerScope()) {
                    List<Frame> frames = VideoDecoders.auto().sample(src.resolve(r.name()), 0);
                    for (CroppedFace c : r.crops()) {
                        FaceBox face = truth.get(c.frame());
                        ious.add(iou(c.box(), face));
                        // Haar's box spans brows to mouth, so a 0.3 margin keeps the face's middle, not the chin.
                        double cx = face.x() + face.width() / 2.0;
                        double cy = face.y() + face.height() / 2.0;
                        assertTrue(cx > c.crop().x1() && cx < c.crop().x2() && cy > c.crop().y1() && cy < c.crop().y2()
                                && covered(face, c.crop()) > 0.5, r.name() + " frame " + c.frame() + ": crop "
                                + c.crop() + " misses the drawn face " + face);
                        // The stored crop is exactly those pixels of the decoded frame (PNG is lossless).
                        Mat png = ImageFiles.read(out.resolve(r.outDir()).resolve(c.file()));
                        Mat region = new Mat(frames.get(c.frame()).bgr(),
                                new Rect(c.crop().x1(), c.crop().y1(), c.crop().width(), c.crop().height())).clone();
                        assertArrayEquals(bytes(region), bytes(png), r.name() + " frame " + c.frame());
                        crops++;
                    }
                }
            }
        }
        assertTrue(crops > 0);
        long good = ious.stream().filter(v -> v >= 0.4).count();
        assertTrue(good >= 0.9 * ious.size(), good + " of " + ious.size() + " detected boxes overlap the drawn face "
                + "with IoU >= 0.4: " + ious);
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) (m.total() * m.channels())];
        m.data().get(b);
        return b;
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }

    @Test
    void aRunResumedAfterAnInterruptionGivesByteIdenticalOutput() throws IOException {
        Path b = dir.resolve("interrupted");
        copyTree(out, b);
        // What an interrupted run leaves: no index or manifest yet, folders renamed but not recorded,
        // and half-written folders of the videos in flight.
        Files.delete(b.resolve(PrepareManifest.FILE));
        PrepareRun.deleteTree(b.resolve("pickle_files"));
        Path state = b.resolve(PrepareRun.STATE_DIR).resolve("videos");
        List<String> redo = List.of("original_sequences/youtube/c23/frames/000",
                "manipulated_sequences/Face2Face/c23/frames/004_005", "manipulated_sequences/FaceSwap/c23/frames/007_006");
        Files.delete(state.resolve(redo.get(0) + ".json"));
        for (String v : redo.subList(1, 3)) {
            Files.delete(state.resolve(v + ".json"));
            Path partial = b.resolve(PrepareRun.STATE_DIR).resolve("partial").resolve(v);
            Files.createDirectories(partial.getParent());
            Files.move(b.resolve(v), partial);
            Files.write(partial.resolve("0007.png"), new byte[] {1, 2, 3});
        }
        FfppPreparer.Summary s = prepare(src, b, 1);
        assertEquals(37, s.outcome().resumed());
        Map<String, byte[]> want = tree(out);
        Map<String, byte[]> got = tree(b);
        // The written configuration names its own root; otherwise the files are the same.
        for (String yml : List.of("data_ffpp_c23.yml", "model_ffpp_c23.yml")) {
            String mine = Files.readString(b.resolve(yml)).replace(b.toAbsolutePath().toString(), "ROOT");
            assertEquals(Files.readString(out.resolve(yml)).replace(out.toAbsolutePath().toString(), "ROOT"), mine, yml);
            want.remove(yml);
            got.remove(yml);
        }
        assertEquals(want.keySet(), got.keySet());
        want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
    }

    @Test
    void aCorruptVideoBecomesAnErrorRecordAndTheRunGoesOn() throws IOException {
        Path broken = dir.resolve("broken-download");
        copyTree(src, broken);
        Path bad = broken.resolve("manipulated_sequences/Deepfakes/c23/videos/000_001.mp4");
        byte[] head = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(head, 200)); // truncated: the header without the frames
        Path to = dir.resolve("broken-prepared");
        StringWriter text = new StringWriter();
        picocli.CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("prepare", "ffpp", "--src", broken.toString(), "--out", to.toString(),
                "--frames", "2", "--workers", "2");
        assertEquals(0, code, text.toString());
        JsonNode m = new ObjectMapper().readTree(to.resolve(PrepareManifest.FILE).toFile());
        assertEquals(1, m.get("errors").size(), m.toString());
        assertEquals("manipulated_sequences/Deepfakes/c23/videos/000_001.mp4", m.get("errors").get(0).get("video").asText());
        assertTrue(m.get("errors").get(0).get("error").asText().contains("000_001.mp4"));
        assertEquals(39, m.get("totals").get("videos").asInt());
        assertTrue(text.toString().contains("1 videos could not be read"), text.toString());

        // Other crop settings into the same output would mix crops: refused with the bad-input code.
        int again = cl.execute("prepare", "ffpp", "--src", broken.toString(), "--out", to.toString(),
                "--frames", "3");
        assertEquals(ExitCodes.BAD_INPUT, again);
    }

    @Test
    void thePreparedTreeTrainsAndTestsWithTheForgeryEngine() throws IOException {
        org.bytedeco.pytorch.global.torch.set_num_threads(2);
        Path runs = dir.resolve("runs");
        Path model = out.resolve("model_ffpp_c23.yml");
        CliRun stats = new CliRun("data", "stats", "--config", model.toString());
        assertEquals(ExitCodes.OK, stats.code, stats.err);
        CliRun train = new CliRun("train", "--engine", "FE", "--config", model.toString(), "--runs", runs.toString());
        assertEquals(ExitCodes.OK, train.code, train.err);
        assertTrue(Files.isRegularFile(runs.resolve("UDR18/tiny/best.pt")));
        CliRun test = new CliRun("test", "--engine", "FE", "--config", model.toString(), "--runs", runs.toString());
        assertEquals(ExitCodes.OK, test.code, test.err);
        // The test split's frames are the ones the index lists: count them from the index itself.
        int real = 0;
        int fake = 0;
        for (Sample s : new FaceForensicsReader(out, "c23", null, StoreOpener.EAGER).read("test", ALL, null,
                new NumpyRandom(0))) {
            if (s.label() == 0) {
                real++;
            } else {
                fake++;
            }
        }
        JsonNode best = new ObjectMapper().readTree(runs.resolve("UDR18/tiny/test_metrics.json").toFile()).get("best")
                .get("metrics");
        assertEquals(real, best.get("test/frame/NumP").asInt(), best.toString());
        assertEquals(fake, best.get("test/frame/NumN").asInt(), best.toString());
    }
}
