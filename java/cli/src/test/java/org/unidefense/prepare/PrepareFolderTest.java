package org.unidefense.prepare;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.cli.ExitCodes;
import org.unidefense.config.CropMode;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.dataset.StoreOpener;
import org.unidefense.data.dataset.UniAttackReader;
import org.unidefense.data.dataset.UniAttackSource;
import org.unidefense.data.store.LmdbImageStore;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.media.ImageFiles;

/**
 * {@code prepare folder} on a user-style layout: a real folder of videos, a folder of frame images
 * and a stray text file; two fake folders of videos with attack types.
 */
class PrepareFolderTest {
    @TempDir
    static Path dir;
    private static Path out;
    private static CliRun prepared;

    @BeforeAll
    static void prepareOnce() throws IOException {
        torch.set_num_threads(2);
        Path dl = dir.resolve("download");
        SyntheticDownloads.ffpp(dl, SyntheticDownloads.Options.small(11));
        Path real = Files.createDirectories(dir.resolve("my data/real"));
        Path swap = Files.createDirectories(dir.resolve("my data/swapped"));
        Path reenact = Files.createDirectories(dir.resolve("my data/puppets"));
        copyVideos(dl.resolve("original_sequences/youtube/c23/videos"), real);
        copyVideos(dl.resolve("manipulated_sequences/FaceSwap/c23/videos"), swap);
        copyVideos(dl.resolve("manipulated_sequences/Face2Face/c23/videos"), reenact);
        // A folder of frames is one video; a text file is no media.
        Path stills = Files.createDirectories(real.resolve("still frames"));
        SyntheticFaces faces = new SyntheticFaces(96);
        for (int i = 0; i < 3; i++) {
            try (PointerScope scope = new PointerScope()) {
                Mat rgb = faces.render(4242, i, SampleKind.BONA_FIDE);
                Mat bgr = new Mat();
                cvtColor(rgb, bgr, COLOR_RGB2BGR);
                assertTrue(imwrite(stills.resolve("f" + i + ".png").toString(), bgr));
            }
        }
        Files.writeString(real.resolve("notes.txt"), "not media");
        out = dir.resolve("prepared");
        prepared = new CliRun("prepare", "folder", "--real", real.toString(), "--fake", swap.toString(),
                "--fake", reenact.toString(), "--attack-type", "face swap", "--attack-type", "reenactment",
                "--out", out.toString(), "--frames", "3", "--seed", "5", "--size", "32", "--steps", "1", "--batch", "2");
    }

    @AfterAll
    static void close() {
        LmdbImageStore.closeAll();
    }

    private static void copyVideos(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static UniAttackReader reader() {
        return new UniAttackReader(Map.of(UniAttackSource.OULU, out.resolve("Oulu_NPU")), CropMode.NOCROP,
                StoreOpener.EAGER);
    }

    @Test
    void videosAreSplitByVideoAndTheStoreHoldsEveryListedCrop() throws IOException {
        assertEquals(ExitCodes.OK, prepared.code, prepared.err);
        UniAttackReader reader = reader();
        ImageStore store = reader.stores().get("OULU");
        Map<String, String> splitOfVideo = new HashMap<>();
        Map<String, Set<String>> videosByType = new HashMap<>();
        for (String split : UniAttackReader.SPLITS) {
            for (String method : List.of("OULU-Real", "OULU-Fake")) {
                List<Sample> samples = reader.readMethod(split, method, null, null, new NumpyRandom(0));
                assertFalse(samples.isEmpty(), split + " " + method);
                for (Sample s : samples) {
                    assertEquals(method.equals("OULU-Real") ? 0 : 1, s.label(), s.path());
                    String before = splitOfVideo.put(s.videoId(), split);
                    assertTrue(before == null || before.equals(split), s.videoId() + " is in two splits");
                    String[] parts = s.path().split("/");
                    videosByType.computeIfAbsent(parts[2], k -> new HashSet<>()).add(parts[3]);
                    try (PointerScope scope = new PointerScope()) {
                        Mat crop = ImageFiles.decode(store.read(s.storeKey()), s.storeKey());
                        assertTrue(crop.cols() > 20 && crop.rows() > 20, s.storeKey() + " is not a face crop");
                    }
                }
            }
        }
        // Types from --attack-type (made safe for index lines); the frames folder is a video of the real group.
        assertEquals(Set.of("real", "face_swap", "reenactment"), videosByType.keySet());
        assertTrue(videosByType.get("real").contains("still_frames"), videosByType.toString());
        JsonNode m = new ObjectMapper().readTree(out.resolve(PrepareManifest.FILE).toFile());
        assertEquals("neither a video, an image nor a folder of images", m.get("skipped").get("real/notes.txt").asText());
        // 9 real entries: 6 train, 1 val, 2 test; 8 per fake folder: 6, 1, 1 (rounded ratios, every split non-empty)
        Map<String, Integer> perSplit = new HashMap<>();
        m.get("splits").fields().forEachRemaining(e -> e.getValue().fields().forEachRemaining(t ->
                perSplit.merge(e.getKey() + "/" + t.getKey(), t.getValue().get("videos").asInt(), Integer::sum)));
        assertEquals(Map.of("train/real", 6, "val/real", 1, "test/real", 2, "train/face_swap", 6, "val/face_swap", 1,
                "test/face_swap", 1, "train/reenactment", 6, "val/reenactment", 1, "test/reenactment", 1), perSplit);
    }

    @Test
    void theWrittenConfigPairTrainsWithTheUniAttackEngineAndDataStatsReadsIt() {
        assertEquals(ExitCodes.OK, prepared.code, prepared.err);
        Path model = out.resolve("model_folder.yml");
        CliRun stats = new CliRun("data", "stats", "--config", model.toString());
        assertEquals(ExitCodes.OK, stats.code, stats.err);
        assertTrue(stats.out.contains("OULU-Fake"), stats.out);
        Path runs = dir.resolve("runs");
        CliRun train = new CliRun("train", "--engine", "UE", "--config", model.toString(),
                "--runs", runs.toString());
        assertEquals(ExitCodes.OK, train.code, train.err);
        assertTrue(Files.isRegularFile(runs.resolve("UDR18/folder/latest.pt")));
    }

    @Test
    void attackTypesMustMatchTheFakeFolders() {
        CliRun r = new CliRun("prepare", "folder", "--real", dir.toString(), "--fake", dir.toString(),
                "--attack-type", "a", "--attack-type", "b", "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("--attack-type is given 2 times for 1 --fake folders"), r.err);
    }
}
