package org.unidefense.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zip-format {@code *.stored.pt} files that Python's torch.save wrote for the A and E
 * fixtures: their tensors must equal the manifest's {@code file} entries, whose values the
 * fixture also packs as raw {@code .f32.bin}/{@code .i64.bin}.
 */
class StoredFixturesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"A_udr18, weights", "A_udr50, weights", "A_udeb4, weights", "E_train_udr18, initial"})
    void storedPtHoldsExactlyTheFileEntries(String group, String sdName) {
        Fixture fx = Fixture.of(group);
        JsonNode sdNode = fx.manifest().path("state_dicts").get(sdName);
        Path pt = CheckpointFiles.copy(dir, group + "/" + sdNode.get("stored_pt").asText());
        TorchSaveFile f = TorchSaveFile.read(pt);
        assertEquals(CheckpointFormat.ZIP, f.format());
        StateDict sd = f.stateDict();

        List<String> fileEntries = new ArrayList<>();
        for (JsonNode e : sdNode.get("entries")) {
            if (e.get("source").asText().equals("file")) {
                fileEntries.add(e.get("name").asText());
            }
        }
        assertEquals(fileEntries, new ArrayList<>(sd.keys()));
        Map<String, FixtureTensor> want = fx.stateDict(sdName);
        for (String key : fileEntries) {
            FixtureTensor w = want.get(key);
            StoredTensor t = sd.get(key);
            assertArrayEquals(w.shape(), t.shape(), key);
            assertEquals(w.dtype(), t.dtype().pythonName(), key);
            if (w.isFloat()) {
                assertArrayEquals(w.floats(), t.toFloats(), key);
            } else {
                assertArrayEquals(w.longs(), t.toLongs(), key);
            }
        }
        assertEquals(sd.size(), sd.distinctStorages(), "torch.save gives each state-dict tensor its storage");
    }

    @Test
    void writerPreservesEveryTensorOfAStoredFixture() {
        Path src = CheckpointFiles.copy(dir, "A_udr18/weights.stored.pt");
        TorchSaveFile original = TorchSaveFile.read(src);
        Path copy = dir.resolve("copy.pt");
        TorchSaveWriter.write(original.root(), copy);
        TorchSaveFile again = TorchSaveFile.read(copy);

        assertEquals(CheckpointFormat.ZIP, again.format());
        assertTrue(again.root() instanceof PyOrderedDict, "an OrderedDict stays one");
        StateDict a = original.stateDict();
        StateDict b = again.stateDict();
        assertEquals(new ArrayList<>(a.keys()), new ArrayList<>(b.keys()));
        for (String k : a.keys()) {
            StoredTensor x = a.get(k);
            StoredTensor y = b.get(k);
            assertEquals(x.dtype(), y.dtype(), k);
            assertArrayEquals(x.shape(), y.shape(), k);
            assertArrayEquals(x.stride(), y.stride(), k);
            assertArrayEquals(x.contiguousBytes(), y.contiguousBytes(), k);
            assertNotSame(x.storage(), y.storage());
        }
    }

    @Test
    void writtenStorageDataStartsOn64ByteBoundaries() throws java.io.IOException {
        Path p = dir.resolve("aligned.pt");
        TorchSaveWriter.write(TorchSaveFile.read(CheckpointFiles.copy(dir, "E_train_udr18/initial.stored.pt")).root(), p);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(p))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        int storages = 0;
        // Walk the local headers: signature, 22 bytes of fields, name and extra lengths, name, extra, data.
        while (b.getInt(at) == 0x04034b50) {
            int size = b.getInt(at + 18);
            int nameLen = b.getShort(at + 26) & 0xffff;
            int extraLen = b.getShort(at + 28) & 0xffff;
            String name = new String(b.array(), at + 30, nameLen, java.nio.charset.StandardCharsets.UTF_8);
            int data = at + 30 + nameLen + extraLen;
            if (name.startsWith("archive/data/")) {
                assertEquals(0, data % 64, name + " data at " + data);
                storages++;
            }
            at = data + size;
        }
        assertEquals(69, storages);
    }

    @Test
    void writerKeepsViewsSharingOneStorage() {
        Storage pool = StoredTensor.ofFloats(new float[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 12).storage();
        StoredTensor whole = StoredTensor.contiguous(pool, 3, 4);
        StoredTensor row = new StoredTensor(pool, 4, new long[]{4}, new long[]{1}, false);
        StoredTensor column = new StoredTensor(pool, 1, new long[]{3}, new long[]{4}, false);
        PyOrderedDict sd = new PyOrderedDict();
        sd.put("whole", whole);
        sd.put("row", row);
        sd.put("column", column);
        Path p = dir.resolve("views.pt");
        TorchSaveWriter.write(sd, p);
        StateDict back = TorchSaveFile.read(p).stateDict();
        assertSame(back.get("whole").storage(), back.get("row").storage());
        assertSame(back.get("whole").storage(), back.get("column").storage());
        assertEquals(1, back.distinctStorages());
        assertArrayEquals(new float[]{4, 5, 6, 7}, back.get("row").toFloats());
        assertArrayEquals(new float[]{1, 5, 9}, back.get("column").toFloats());
        assertFalse(back.get("column").isContiguous());
        assertEquals(4, back.get("row").storageOffset());
    }
}
