package org.unidefense.data.dataset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.store.LmdbImageStore;
import org.unidefense.data.store.LmdbWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FF++, Celeb-DF v2 and WildDeepfake fixtures in their official layouts, built here. */
class ForgeryReadersTest {
    @TempDir
    Path root;

    @AfterEach
    void close() {
        LmdbImageStore.closeAll();
    }

    private static NumpyRandom rng() {
        return new NumpyRandom(2022);
    }

    private static Map<String, Long> countByMethod(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(Sample::method, java.util.TreeMap::new,
                Collectors.counting()));
    }

    /** FF++: 2 real videos x 3 frames; Deepfakes and Face2Face 1 video x 3; NeuralTextures 1 x 2. */
    private void writeFfpp() {
        List<Object> train = new ArrayList<>();
        for (String v : List.of("000", "001")) {
            for (int f = 0; f < 3; f++) {
                train.add(PyTuple.of("original_sequences/youtube/c23/frames/" + v + "/000" + f + ".png", 0L));
            }
        }
        for (String m : List.of("Deepfakes", "Face2Face", "NeuralTextures")) {
            for (int f = 0; f < (m.equals("NeuralTextures") ? 2 : 3); f++) {
                train.add(PyTuple.of("manipulated_sequences/" + m + "/c23/frames/000_001/000" + f + ".png", 1L));
            }
        }
        TorchSaveWriter.write(train, root.resolve("pickle_files/train_c23.pickle"));
        TorchSaveWriter.write(List.of(PyTuple.of("original_sequences/youtube/c23/frames/002/0000.png", 0L)),
                root.resolve("pickle_files/test_c23.pickle"));
    }

    @Test
    void faceForensicsSelectsByMethodAndLabelsByPath() throws IOException {
        writeFfpp();
        FaceForensicsReader r = new FaceForensicsReader(root, "c23", null, StoreOpener.EAGER);
        List<Sample> all = r.read("train", FaceForensicsReader.METHODS, null, rng());
        assertEquals(Map.of("Origin", 6L, "Deepfakes", 3L, "Face2Face", 3L, "NeuralTextures", 2L),
                countByMethod(all));
        assertTrue(all.stream().allMatch(s -> s.label() == (s.method().equals("Origin") ? 0 : 1)));
        assertEquals("original_sequences/youtube/c23/frames/000", all.get(0).videoId());

        List<Sample> fake = r.read("train", List.of("Deepfakes", "NeuralTextures"), 2, rng());
        assertEquals(Map.of("Deepfakes", 2L, "NeuralTextures", 2L), countByMethod(fake));
        assertEquals(1, r.read("test", List.of("Origin"), null, rng()).size());

        // folder store: images are files under the root by path
        Sample first = all.get(0);
        Files.createDirectories(root.resolve(first.videoId()));
        Files.write(root.resolve(first.path()), new byte[] {1, 2, 3});
        DatasetSplit split = new DatasetSplit("train", "train", all, r.stores("train"));
        assertArrayEquals(new byte[] {1, 2, 3}, split.read(first));
        UserInputException missing = assertThrows(UserInputException.class, () -> split.read(all.get(1)));
        assertTrue(missing.getMessage().contains(all.get(1).path()), missing.getMessage());
    }

    /** RECCE keeps the same index in the root ({@code <root>/<split>_<compression>.pickle}). */
    @Test
    void faceForensicsIndexInTheRootAsRecceKeepsIt() throws IOException {
        writeFfpp();
        Files.move(root.resolve("pickle_files/train_c23.pickle"), root.resolve("train_c23.pickle"));
        FaceForensicsReader r = new FaceForensicsReader(root, "c23", null, StoreOpener.EAGER);
        assertEquals(root.resolve("train_c23.pickle"), r.indexFile("train"));
        assertEquals(Map.of("Origin", 6L, "Deepfakes", 3L, "Face2Face", 3L, "NeuralTextures", 2L),
                countByMethod(r.read("train", FaceForensicsReader.METHODS, null, rng())));
        assertEquals(root.resolve("pickle_files/test_c23.pickle"), r.indexFile("test"), "UniDefense's place first");
        String missing = assertThrows(UserInputException.class,
                () -> r.read("val", List.of("Origin"), null, rng())).getMessage();
        assertTrue(missing.contains("pickle_files/val_c23.pickle") && missing.contains("where RECCE keeps it"), missing);
    }

    @Test
    void faceForensicsFromLmdbKeyedByPath() {
        writeFfpp();
        TreeMap<String, byte[]> entries = new TreeMap<>();
        entries.put("original_sequences/youtube/c23/frames/000/0000.png", new byte[] {9});
        LmdbWriter.write(root.resolve("lmdb/ffpp_c23"), entries);
        FaceForensicsReader r = new FaceForensicsReader(root, "c23", "ffpp_c23", StoreOpener.EAGER);
        List<Sample> real = r.read("train", List.of("Origin"), null, rng());
        DatasetSplit split = new DatasetSplit("train/real", "train", real, r.stores("train"));
        assertArrayEquals(new byte[] {9}, split.read(real.get(0)));
        UserInputException e = assertThrows(UserInputException.class, () -> split.read(real.get(1)));
        assertTrue(e.getMessage().contains("LMDB key '" + real.get(1).storeKey() + "'"), e.getMessage());
    }

    @Test
    void faceForensicsBadInput() {
        writeFfpp();
        FaceForensicsReader r = new FaceForensicsReader(root, "c23", null, StoreOpener.EAGER);
        UserInputException m = assertThrows(UserInputException.class,
                () -> r.read("train", List.of("DeepFakes"), null, rng()));
        assertTrue(m.getMessage().contains("'DeepFakes'"), m.getMessage());
        UserInputException f = assertThrows(UserInputException.class,
                () -> r.read("val", List.of("Origin"), null, rng()));
        assertTrue(f.getMessage().contains("val_c23.pickle"), f.getMessage());
        assertThrows(UserInputException.class, () -> new FaceForensicsReader(root, "c50", null, StoreOpener.EAGER));
    }

    private void frames(String dir, int n) throws IOException {
        Files.createDirectories(root.resolve(dir));
        for (int i = 0; i < n; i++) {
            Files.write(root.resolve(dir + "/" + String.format("%04d.png", i)), new byte[] {(byte) i});
        }
        Files.write(root.resolve(dir + "/notes.txt"), new byte[0]);
    }

    @Test
    void celebDfSplitsByTheListOfTestVideos() throws IOException {
        frames("Celeb-real/images/id0_0000", 3);
        frames("Celeb-real/images/id1_0000", 2);
        frames("YouTube-real/images/00000", 4);
        frames("Celeb-synthesis/images/id0_id1_0000", 5);
        frames("Celeb-synthesis/images/id1_id0_0000", 1);
        Files.writeString(root.resolve(CelebDfReader.TEST_LIST),
                "1 YouTube-real/00000.mp4\n0 Celeb-synthesis/id1_id0_0000.mp4\n1 Celeb-real/id1_0000.mp4\n");
        CelebDfReader r = new CelebDfReader(root, null, StoreOpener.EAGER);
        List<Sample> train = r.read("train", CelebDfReader.METHODS, null, rng());
        assertEquals(Map.of("Celeb-real", 3L, "Celeb-synthesis", 5L), countByMethod(train));
        List<Sample> test = r.read("test", CelebDfReader.METHODS, null, rng());
        assertEquals(Map.of("YouTube-real", 4L, "Celeb-real", 2L, "Celeb-synthesis", 1L), countByMethod(test));
        assertTrue(test.stream().allMatch(s -> s.label() == (s.method().equals("Celeb-synthesis") ? 1 : 0)));
        assertEquals(List.of("Celeb-synthesis/images/id0_id1_0000"),
                r.read("train", List.of("Celeb-synthesis"), 2, rng()).stream().map(Sample::videoId).distinct().toList());
        assertEquals(2, r.read("train", List.of("Celeb-synthesis"), 2, rng()).size());
        // the folder store reads the frame file
        Sample s = test.get(0);
        assertEquals(1, new DatasetSplit("test", "test", test, r.stores("test")).read(s).length);
        assertThrows(UserInputException.class, () -> r.read("val", CelebDfReader.METHODS, null, rng()));
    }

    @Test
    void wildDeepfakeReadsPerMethodLists() {
        TorchSaveWriter.write(List.of("real/1/0.png", "real/1/1.png", "real/1/2.png", "real/2/0.png"),
                root.resolve("train/real.pickle"));
        TorchSaveWriter.write(List.of("fake/7/0.png", "fake/7/1.png"), root.resolve("train/fake.pickle"));
        WildDeepfakeReader r = new WildDeepfakeReader(root, null, StoreOpener.EAGER);
        List<Sample> all = r.read("train", List.of("real", "fake"), 2, rng());
        assertEquals(Map.of("real", 3L, "fake", 2L), countByMethod(all));
        assertEquals(List.of(0, 0, 0, 1, 1), all.stream().map(Sample::label).toList());
        UserInputException e = assertThrows(UserInputException.class,
                () -> r.read("test", List.of("real"), null, rng()));
        assertTrue(e.getMessage().contains("real.pickle"), e.getMessage());
    }
}
