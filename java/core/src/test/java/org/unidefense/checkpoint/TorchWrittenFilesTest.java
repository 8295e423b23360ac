package org.unidefense.checkpoint;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that PyTorch 1.13 wrote with {@code test/resources/checkpoint/make_torch_files.py},
 * in both formats: every dtype, views sharing a storage, a transposed view, a Parameter, a
 * module state dict with {@code _metadata}, a NumPy scalar, and a list of tuples.
 */
class TorchWrittenFilesTest {
    @TempDir
    Path dir;

    private TorchSaveFile read(String name) {
        Path p = CheckpointFiles.write(dir, name, CheckpointFiles.resource("/checkpoint/" + name));
        return TorchSaveFile.read(p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_dtypes.zip.pt", "torch_dtypes.legacy.pt"})
    void everyDtypeHasTheValuesTheScriptDefines(String name) {
        TorchSaveFile f = read(name);
        assertEquals(name.contains("zip") ? CheckpointFormat.ZIP : CheckpointFormat.LEGACY, f.format());
        StateDict t = f.stateDict("tensors");
        for (DType d : DType.values()) {
            StoredTensor x = t.get(d.pythonName());
            assertEquals(d, x.dtype());
            assertArrayEquals(new long[]{2, 3}, x.shape());
            for (int j = 0; j < 6; j++) {
                double want = d == DType.BOOL ? j % 2 : d == DType.UINT8 ? 250 + j : j - 3;
                assertEquals(want, x.getDouble(j), d + "[" + j + "]");
            }
            if (!d.isFloating()) {
                assertEquals(d == DType.BOOL ? 1 : d == DType.UINT8 ? 255 : 2, x.toLongs()[5]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_dtypes.zip.pt", "torch_dtypes.legacy.pt"})
    void viewsShareTheirStorage(String name) {
        StateDict t = read(name).stateDict("tensors");
        StoredTensor pool = t.get("pool");
        assertSame(pool.storage(), t.get("pool_row2").storage());
        assertSame(pool.storage(), t.get("pool_col1").storage());
        assertSame(pool.storage(), t.get("pool_t").storage());
        assertEquals(12, t.get("pool_row2").storageOffset());
        assertArrayEquals(new float[]{12, 13, 14, 15, 16, 17}, t.get("pool_row2").toFloats());
        assertArrayEquals(new long[]{6}, t.get("pool_col1").stride());
        assertArrayEquals(new float[]{1, 7, 13, 19}, t.get("pool_col1").toFloats());
        StoredTensor tr = t.get("pool_t");
        assertArrayEquals(new long[]{6, 4}, tr.shape());
        assertArrayEquals(new long[]{1, 6}, tr.stride());
        assertFalse(tr.isContiguous());
        assertArrayEquals(new float[]{0, 6, 12, 18, 1, 7, 13, 19}, Arrays.copyOf(tr.toFloats(), 8));
        assertTrue(t.get("param").requiresGrad());
        assertFalse(pool.requiresGrad());
        assertArrayEquals(new float[]{0.5f, -0.25f}, t.get("param").toFloats());
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_dtypes.zip.pt", "torch_dtypes.legacy.pt"})
    void nestedCheckpointWithModelStateDictAndPlainValues(String name) {
        TorchSaveFile f = read(name);
        // two entries hold tensor dicts; the conventional key "model" wins
        assertEquals("model", f.stateDictKey().orElseThrow());
        StateDict m = f.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), List.copyOf(m.keys()));
        assertArrayEquals(new float[]{1, 1}, m.get("1.weight").toFloats());
        assertArrayEquals(new float[]{1, 1}, m.get("1.running_var").toFloats());
        assertArrayEquals(new long[]{0}, m.get("1.num_batches_tracked").toLongs());
        assertEquals(Map.of("", Map.of("version", 1L), "0", Map.of("version", 1L), "1", Map.of("version", 2L)),
                m.metadata().orElseThrow());
        Map<?, ?> root = (Map<?, ?>) f.root();
        assertEquals(7L, root.get("step"));
        assertEquals(5L, root.get("best_step"));
        assertEquals(0.875, root.get("best_auc"), "numpy.float64 scalar");
        assertEquals(List.of(PyTuple.of("real/a.png", 0L), PyTuple.of("fake/b.png", 1L)), root.get("index"));
        assertTrue(root.containsKey("nothing"));
        assertNull(root.get("nothing"));
    }

    @Test
    void datasetIndexListOfTuples() {
        TorchSaveFile f = read("index_list.pt");
        assertEquals(List.of(PyTuple.of("real/a.png", 0L), PyTuple.of("fake/b.png", 1L)), f.root());
        assertTrue(f.stateDictKey().isEmpty());
    }

    @Test
    void writerOutputReadsBackLikeTorchsOwn() {
        TorchSaveFile f = read("torch_dtypes.zip.pt");
        Path copy = dir.resolve("rewritten.pt");
        TorchSaveWriter.write(f.root(), copy);
        TorchSaveFile g = TorchSaveFile.read(copy);
        assertTrue(Files.exists(copy));
        StateDict a = f.stateDict("tensors");
        StateDict b = g.stateDict("tensors");
        for (String k : a.keys()) {
            assertArrayEquals(a.get(k).contiguousBytes(), b.get(k).contiguousBytes(), k);
            assertArrayEquals(a.get(k).stride(), b.get(k).stride(), k);
            assertEquals(a.get(k).requiresGrad(), b.get(k).requiresGrad(), k);
        }
        assertSame(b.get("pool").storage(), b.get("pool_t").storage());
        assertEquals(f.stateDict().metadata(), g.stateDict().metadata());
        Map<?, ?> root = (Map<?, ?>) g.root();
        assertEquals(0.875, root.get("best_auc"));
        assertEquals(((Map<?, ?>) f.root()).get("index"), root.get("index"));
    }
}
