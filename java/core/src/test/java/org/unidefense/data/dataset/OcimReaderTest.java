package org.unidefense.data.dataset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.config.DatasetCommon;
import org.unidefense.config.OcimDatasetConfig;
import org.unidefense.config.CropMode;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceBox;
import org.unidefense.data.Sample;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.store.LmdbImageStore;
import org.unidefense.data.store.LmdbWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OCIM domains in the official layout (lists + LMDB of crops), built here. */
class OcimReaderTest {
    @TempDir
    Path root;

    @AfterEach
    void close() {
        LmdbImageStore.closeAll();
    }

    /** A domain with {@code real} videos of 3 frames and {@code fake} videos of 4 frames. */
    private void domain(String dir, String prefix, int real, int fake) {
        TreeMap<String, byte[]> lmdb = new TreeMap<>();
        for (String label : List.of("real", "fake")) {
            List<Object> lines = new ArrayList<>();
            int videos = label.equals("real") ? real : fake;
            for (int v = 0; v < videos; v++) {
                for (int f = 0; f < (label.equals("real") ? 3 : 4); f++) {
                    String path = prefix + "/" + label + v + "/" + f + ".jpg";
                    lines.add(path + " " + (label.equals("real") ? 1 : 0) + " 10 12 40 44 1 2 3 4 5 6 7 8 9 10");
                    lmdb.put(OcimReader.cropKey(path, dir), new byte[] {(byte) v, (byte) f});
                }
            }
            TorchSaveWriter.write(lines, root.resolve(dir + "/lists/" + label + "_5points.pickle"));
        }
        LmdbWriter.write(root.resolve("lmdb/" + dir), lmdb);
    }

    private OcimDatasetConfig config(Integer trainFpv, Integer testFpv) {
        DatasetCommon common = new DatasetCommon(null, root.toString(), true, 10, 1, 1, Map.of());
        return new OcimDatasetConfig(common, Map.of("O", "Oulu_NPU", "C", "CASIA_database", "I", "replayattack",
                "M", "MSU-MFSD"), List.of("O", "I"), List.of("C"), List.of("C", "M"), trainFpv, null, testFpv);
    }

    @Test
    void buildsOneRealAndOneFakePartPerSourceDomainAndTestsOnTheFirstTarget() {
        domain("Oulu_NPU", "Oulu_NPU/Train_files", 2, 3);
        domain("replayattack", "replayattack/train/real", 1, 1);
        domain("CASIA_database", "CASIA_database/test_release", 2, 2);
        SplitIndexBuilder b = SplitIndexBuilder.forRun(CropMode.NOCROP);
        SplitIndex idx = b.build(config(2, null), Stage.ALL);
        assertEquals(List.of("train/O/real", "train/O/fake", "train/I/real", "train/I/fake"),
                idx.train().stream().map(DatasetSplit::name).toList());
        assertEquals(List.of(4, 6, 2, 2), idx.train().stream().map(DatasetSplit::size).toList());
        DatasetSplit test = idx.test().get(0);
        assertEquals(6 + 8, test.size());
        assertEquals(6, test.real().size());
        assertEquals(8, test.fake().size());
        // labels come from the list file, not from the line's second field
        assertTrue(test.fake().samples().stream().allMatch(Sample::isFake));
        Sample s = test.samples().get(0);
        assertEquals("CASIA_database/test_release/real0/0.jpg", s.path());
        assertEquals("CASIA_database_crop/test_release/real0/0.jpg", s.storeKey());
        assertEquals(new FaceBox(10, 12, 40, 44), s.box());
        assertEquals(10, s.landmarks().size());
        assertArrayEquals(new byte[] {0, 0}, test.read(s));
        assertEquals("C", s.source());
    }

    @Test
    void cropKeysFollowTheReference() {
        assertEquals("replayattack_crop/train/real/x.jpg", OcimReader.cropKey("replayattack/train/real/x.jpg", "r"));
        assertEquals("MSU-MFSD_crop/scene01/real/x.jpg", OcimReader.cropKey("MSU-MFSD/scene01/real/x.jpg", "M"));
        assertEquals("HQ_WMCA/a/b_crop.jpg", OcimReader.cropKey("HQ_WMCA/a/b.jpg", "HQ"));
        assertEquals("s/a/b_crop.jpg", OcimReader.cropKey("s/a/b.jpg", "Siw-MV2"));
        UserInputException e = assertThrows(UserInputException.class, () -> OcimReader.cropKey("other/x.jpg", "X"));
        assertTrue(e.getMessage().contains("other/x.jpg"));
    }

    @Test
    void missingListOrStoreNamesTheFile() {
        domain("Oulu_NPU", "Oulu_NPU/Train_files", 1, 1);
        UserInputException e = assertThrows(UserInputException.class,
                () -> SplitIndexBuilder.forRun(CropMode.NOCROP).build(config(null, null), Stage.ALL));
        assertTrue(e.getMessage().contains("replayattack"), e.getMessage());
    }

    @Test
    void emptyPartIsAnErrorForRunsButCountsAsZeroForInspection() {
        domain("Oulu_NPU", "Oulu_NPU/Train_files", 1, 1);
        domain("replayattack", "replayattack/train/real", 0, 1);
        domain("CASIA_database", "CASIA_database/test_release", 1, 1);
        UserInputException e = assertThrows(UserInputException.class,
                () -> SplitIndexBuilder.forRun(CropMode.NOCROP).build(config(null, null), Stage.ALL));
        assertTrue(e.getMessage().contains("train/I/real"), e.getMessage());
        SplitIndex idx = new SplitIndexBuilder(CropMode.NOCROP, StoreOpener.LAZY, false, Path.of(""))
                .build(config(null, null), Stage.ALL);
        assertEquals(0, idx.part("train/I/real").orElseThrow().size());
    }
}
