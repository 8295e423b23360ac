package org.unidefense.data.syntheticset;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.CropMode;
import org.unidefense.data.CropRect;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceCrop;
import org.unidefense.data.Sample;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.store.LmdbImageStore;
import org.unidefense.data.transform.RgbImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic benchmark, written once (32 px, 1 video of 3 frames per method and split) and read back. */
class SyntheticDatasetWriterTest {
    static final SyntheticDatasetWriter.Options OPTIONS = new SyntheticDatasetWriter.Options(7, 32, 1, 3);

    @TempDir
    static Path tmp;
    static Path bench;

    @BeforeAll
    static void write() {
        bench = tmp.resolve("bench");
        SyntheticDatasetWriter.write(bench, OPTIONS);
    }

    @AfterAll
    static void close() {
        LmdbImageStore.closeAll();
    }

    /** A protocol's template files with the roots pointed at the benchmark written here. */
    private static ResolvedConfig protocol(int n) throws IOException {
        Path dir = tmp.resolve("prot" + n);
        Files.createDirectories(dir);
        String data = Files.readString(Path.of("config_template/synthetic/data_prot" + n + ".yml"))
                .replace("synthetic_uniattack", bench.toString());
        Files.writeString(dir.resolve("data.yml"), data);
        String model = Files.readString(Path.of("config_template/synthetic/model_prot" + n + ".yml"))
                .replace("config_template/synthetic/data_prot" + n + ".yml", dir.resolve("data.yml").toString());
        Files.writeString(dir.resolve("model.yml"), model);
        ResolvedConfig c = ConfigLoader.load(dir.resolve("model.yml"));
        assertEquals(List.of(), c.warnings());
        return c;
    }

    private static Map<String, Long> perMethod(DatasetSplit part) {
        return part.samples().stream().collect(Collectors.groupingBy(Sample::method, TreeMap::new,
                Collectors.counting()));
    }

    @Test
    void protocolOneReadsEveryMethodWithTheReferenceResampling() throws IOException {
        SplitIndex idx = SplitIndexBuilder.forRun(CropMode.NOCROP).build(protocol(1).dataset(), Stage.ALL);
        DatasetSplit trainReal = idx.part("train/real").orElseThrow();
        // train_real_fpv 4 >= 3 frames: every frame of the one video per method
        assertEquals(6, trainReal.methods().size());
        assertTrue(perMethod(trainReal).values().stream().allMatch(n -> n == 3), perMethod(trainReal).toString());
        DatasetSplit trainFake = idx.part("train/fake").orElseThrow();
        // train_fake_fpv 2, except Seq-DeepFake, which the reference never resamples
        Map<String, Long> fake = perMethod(trainFake);
        assertEquals(16, fake.size());
        fake.forEach((m, n) -> assertEquals(m.equals("SeqDF-Fake") ? 3L : 2L, n, m));
        assertEquals(16, trainFake.videoIds().size());
        assertEquals(2, idx.part("val/real").orElseThrow().size());
        assertEquals(8, idx.part("val/fake").orElseThrow().size());
        DatasetSplit test = idx.test().get(0);
        assertEquals(15, test.size());
        assertEquals(3, test.real().size());
        // video ids never repeat across splits
        assertTrue(trainReal.videoIds().stream().noneMatch(test.videoIds()::contains));
    }

    @Test
    void protocolsTwoAndThreeHoldOutADatasetAndAnAttackType() throws IOException {
        SplitIndex two = SplitIndexBuilder.forRun(CropMode.NOCROP).build(protocol(2).dataset(), Stage.ALL);
        assertTrue(two.train().stream().flatMap(p -> p.samples().stream()).noneMatch(s -> s.source().equals("HQ")));
        DatasetSplit test2 = two.test().get(0);
        assertEquals(9, test2.methods().size());
        assertEquals(27, test2.size());
        assertTrue(test2.samples().stream().allMatch(s -> s.source().equals("HQ")));

        SplitIndex three = SplitIndexBuilder.forRun(CropMode.NOCROP).build(protocol(3).dataset(), Stage.ALL);
        assertFalse(three.part("train/fake").orElseThrow().methods().contains("FFpp-DF"));
        assertEquals(Map.of("FFpp-DF", 3L, "FFpp-Real", 3L), perMethod(three.test().get(0)));
    }

    @Test
    void everyItemIsInItsStoreUnderBothCropModes() throws IOException {
        ResolvedConfig c = protocol(1);
        for (CropMode mode : CropMode.values()) {
            SplitIndex idx = SplitIndexBuilder.forRun(mode).build(c.dataset(), Stage.ALL);
            for (DatasetSplit part : idx.all()) {
                for (Sample s : part.samples()) {
                    assertTrue(part.storeFor(s).contains(s.storeKey()), mode + " " + s.storeKey());
                }
            }
        }
        SplitIndex frames = SplitIndexBuilder.forRun(CropMode.FOUR_POINT).build(c.dataset(), Stage.ALL);
        Sample hq = frames.part("train/fake").orElseThrow().samples().stream()
                .filter(s -> s.source().equals("HQ")).findFirst().orElseThrow();
        assertEquals(hq.path(), hq.storeKey());
        try (PointerScope scope = new PointerScope()) {
            Mat frame = RgbImages.decode(frames.all().get(1).read(hq), hq.path());
            assertEquals(32, frame.cols());
            CropRect r = FaceCrop.rect(hq, CropMode.FOUR_POINT, 0.3, frame.cols(), frame.rows());
            assertTrue(!r.isEmpty() && r.width() < 32, r.toString());
            // the stored crop is that rectangle of the frame (margin 0.3)
            SplitIndex crops = SplitIndexBuilder.forRun(CropMode.NOCROP).build(c.dataset(), Stage.ALL);
            Sample same = crops.part("train/fake").orElseThrow().samples().stream()
                    .filter(s -> s.path().equals(hq.path())).findFirst().orElseThrow();
            Mat crop = RgbImages.decode(crops.all().get(1).read(same), same.storeKey());
            assertEquals(r.width(), crop.cols());
            assertEquals(r.height(), crop.rows());
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesOtherSeedDiffers() throws IOException {
        Path again = tmp.resolve("again");
        SyntheticDatasetWriter.write(again, OPTIONS);
        Map<String, byte[]> a = files(bench);
        Map<String, byte[]> b = files(again);
        assertEquals(a.keySet(), b.keySet());
        assertTrue(a.keySet().stream().anyMatch(k -> k.endsWith("data.mdb")));
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        assertFalse(a.keySet().stream().anyMatch(k -> k.endsWith("lock.mdb")));

        Path other = tmp.resolve("other");
        SyntheticDatasetWriter.write(other, new SyntheticDatasetWriter.Options(8, 32, 1, 1));
        String store = "Oulu_NPU/lmdb/Oulu_NPU/data.mdb";
        assertFalse(java.util.Arrays.equals(a.get(store), files(other).get(store)));
    }

    @Test
    void refusesToOverwrite() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> SyntheticDatasetWriter.write(bench, OPTIONS));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
