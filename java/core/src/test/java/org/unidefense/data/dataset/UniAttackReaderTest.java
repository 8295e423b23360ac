package org.unidefense.data.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.config.CropMode;
import org.unidefense.data.FaceBox;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built UniAttack index files: each dataset's split naming and selection rules. */
class UniAttackReaderTest {
    @TempDir
    Path root;

    private static NumpyRandom rng() {
        return new NumpyRandom(2022);
    }

    private static List<Object> frames(String dir, int n, String label) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(dir + "/" + i + ".jpg " + label + " 5 6 20 22");
        }
        return out;
    }

    private UniAttackReader reader(CropMode crop) {
        return new UniAttackReader(Map.of(UniAttackSource.HQ, root.resolve("HQ"), UniAttackSource.OULU,
                root.resolve("OULU"), UniAttackSource.SiWMv2, root.resolve("SiW")), crop, StoreOpener.LAZY);
    }

    @Test
    void hqSelectsVideosByProtocolColumnsAndSplitGroup() throws Exception {
        Files.createDirectories(root.resolve("HQ"));
        Files.writeString(root.resolve("HQ/" + UniAttackReader.HQ_PROTOCOL), String.join("\n",
                "station/a/v1,0,bonafide,train",
                "station/a/v2,0,bonafide,dev",
                "station/b/v3,3,attack/Replay,train",
                "station/b/v4,7,attack/Makeup,train",
                "station/b/v5,3,attack/Replay,eval") + "\n");
        Map<String, Object> record = new LinkedHashMap<>();
        for (String v : List.of("v1", "v2", "v3", "v4", "v5")) {
            record.put(v, frames("HQ_WMCA/" + v, 3, "0"));
        }
        TorchSaveWriter.write(record, root.resolve("HQ/" + UniAttackReader.HQ_RECORD));
        UniAttackReader r = reader(CropMode.NOCROP);
        List<Sample> real = r.readMethod("train", "HQ-Real", null, null, rng());
        assertEquals(List.of("HQ_WMCA/v1"), real.stream().map(Sample::videoId).distinct().toList());
        assertEquals("HQ_WMCA/v1/0_crop.jpg", real.get(0).storeKey());
        assertEquals(List.of("HQ_WMCA/v2"), r.readMethod("val", "HQ-Real", null, null, rng()).stream()
                .map(Sample::videoId).distinct().toList());
        List<Sample> replay = r.readMethod("test", "HQ-Replay", null, 2, rng());
        assertEquals(2, replay.size());
        assertTrue(replay.stream().allMatch(Sample::isFake));
        assertEquals(new FaceBox(5, 6, 20, 22), replay.get(0).box());
        // 4p reads the frame itself
        assertEquals("HQ_WMCA/v4/0.jpg", reader(CropMode.FOUR_POINT).readMethod("train", "HQ-Makeup", null, null,
                rng()).get(0).storeKey());
        assertEquals(0, r.readMethod("train", "HQ-Tattoo", null, null, rng()).size());
    }

    @Test
    void hqVideoWithoutFramesInTheRecordIsNamed() throws Exception {
        Files.createDirectories(root.resolve("HQ"));
        Files.writeString(root.resolve("HQ/" + UniAttackReader.HQ_PROTOCOL), "station/a/v9,0,bonafide,train\n");
        TorchSaveWriter.write(Map.of("v1", List.of()), root.resolve("HQ/" + UniAttackReader.HQ_RECORD));
        UserInputException e = assertThrows(UserInputException.class,
                () -> reader(CropMode.NOCROP).readMethod("train", "HQ-Real", null, null, rng()));
        assertTrue(e.getMessage().contains("'v9'"), e.getMessage());
    }

    @Test
    void ouluFiltersOneListBySplitFolderAndSiwUsesLiveAndAllLists() {
        List<Object> real = new ArrayList<>(frames("Oulu_NPU/Train_files/1_1_01_1", 4, "0"));
        real.addAll(frames("Oulu_NPU/Dev_files/1_1_21_1", 2, "0"));
        TorchSaveWriter.write(real, root.resolve("OULU/lists/real_5points.pickle"));
        UniAttackReader r = reader(CropMode.NOCROP);
        List<Sample> train = r.readMethod("train", "OULU-Real", 3, null, rng());
        assertEquals(3, train.size());
        assertEquals("Oulu_NPU_crop/Train_files/1_1_01_1/" + train.get(0).path().substring(
                train.get(0).path().lastIndexOf('/') + 1), train.get(0).storeKey());
        assertEquals(2, r.readMethod("val", "OULU-Real", 3, null, rng()).size());
        assertEquals(0, r.readMethod("test", "OULU-Real", 3, null, rng()).size());

        TorchSaveWriter.write(frames("SiW-Mv2/Live/x", 2, "0"), root.resolve("SiW/lists/trainlist_live.pickle"));
        TorchSaveWriter.write(frames("SiW-Mv2/Spoof/y", 5, "1"), root.resolve("SiW/lists/trainlist_all.pickle"));
        List<Sample> all = r.read("train", List.of("SiWMv2-Real", "SiWMv2-Fake"), null, 4, rng());
        assertEquals(List.of(0, 0, 1, 1, 1, 1), all.stream().map(Sample::label).toList());
        assertEquals("SiW-Mv2/Live/x/0_crop.jpg", all.get(0).storeKey());
    }

    @Test
    void badMethodsRootsAndPathsAreNamed() {
        UniAttackReader r = reader(CropMode.NOCROP);
        UserInputException unknown = assertThrows(UserInputException.class,
                () -> r.read("train", List.of("HQ-Paper"), null, null, rng()));
        assertTrue(unknown.getMessage().contains("'HQ-Paper'"), unknown.getMessage());
        UserInputException nullRoot = assertThrows(UserInputException.class,
                () -> r.readMethod("train", "FFpp-DF", null, null, rng()));
        assertTrue(nullRoot.getMessage().contains("FFpp_root"), nullRoot.getMessage());
        UserInputException split = assertThrows(UserInputException.class,
                () -> r.readMethod("dev", "HQ-Real", null, null, rng()));
        assertTrue(split.getMessage().contains("'dev'"), split.getMessage());
        TorchSaveWriter.write(List.of("elsewhere/1/0.jpg 1 0 0 1 1"), root.resolve("SiW/lists/vallist_all.pickle"));
        UserInputException path = assertThrows(UserInputException.class,
                () -> r.readMethod("val", "SiWMv2-Fake", null, null, rng()));
        assertTrue(path.getMessage().contains("elsewhere/1/0.jpg"), path.getMessage());
    }

    @Test
    void domainLabelsNumberTheSortedRealSources() {
        assertEquals(Map.of("CDF", 0, "FFpp", 1, "HQ", 2, "SiWMv2", 3),
                UniAttackReader.domainLabels(List.of("SiWMv2-Real", "FFpp-Real", "HQ-Real", "CDF-Real", "FFpp-Real")));
    }
}
