package org.unidefense.model.weights;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code map_location} semantics of checkpoints: weights are written from CPU copies (every storage
 * says {@code cpu}), and a file whose storages say {@code cuda:0} — as every checkpoint the
 * reference trains on a GPU — loads into a model on the CPU with the same values. Loading copies
 * into the model's own tensors, so the same path serves a model on a GPU.
 */
class CheckpointMapLocationTest {
    @TempDir
    Path tmp;

    @Test
    void aCheckpointWrittenOnAGpuLoadsOnTheCpu() throws IOException {
        try (PointerScope ignored = new PointerScope()) {
            manual_seed(1);
            UniDefenseModel trained = ModelRegistry.create("UDR18");
            Path cpuFile = tmp.resolve("cpu.pt");
            ModelCheckpoint.save(cpuFile, trained, Map.of("step", 7L));
            assertLocations(cpuFile, "cpu");

            Path gpuFile = tmp.resolve("gpu.pt");
            int storages = relocate(cpuFile, gpuFile, "cuda:0");
            assertTrue(storages > 100, "every weight's storage is tagged, found " + storages);
            assertLocations(gpuFile, "cuda:0");

            manual_seed(2);
            UniDefenseModel fresh = ModelRegistry.create("UDR18");
            String probe = "extractor.conv1.weight";
            assertTrue(!java.util.Arrays.equals(Tensors.toFloats(trained.stateDict().get(probe)),
                    Tensors.toFloats(fresh.stateDict().get(probe))), "another seed, other weights");
            ModelCheckpoint ckpt = ModelCheckpoint.load(gpuFile, fresh);
            assertEquals(7L, ((Number) ckpt.metadata().get("step")).longValue());
            Map<String, Tensor> want = trained.stateDict();
            Map<String, Tensor> got = fresh.stateDict();
            assertEquals(want.keySet(), got.keySet());
            for (String k : want.keySet()) {
                assertTrue(got.get(k).device().is_cpu(), k);
                assertArrayEquals(Tensors.toFloats(want.get(k)), Tensors.toFloats(got.get(k)), 0f, k);
            }
        }
    }

    private static void assertLocations(Path file, String location) {
        Map<String, StoredTensor> tensors = TorchSaveFile.read(file).stateDict().tensors();
        assertTrue(!tensors.isEmpty());
        tensors.forEach((k, t) -> assertEquals(location, t.storage().location(), k));
    }

    /**
     * Copies a torch.save zip, re-tagging every storage's location in the pickle (protocol 2: the
     * location is a BINUNICODE string, and the writer uses no memo, so lengths may change freely).
     */
    private static int relocate(Path from, Path to, String location) throws IOException {
        byte[] cpu = binunicode("cpu");
        byte[] moved = binunicode(location);
        int count = 0;
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(os)) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                byte[] data;
                try (InputStream is = in.getInputStream(entry)) {
                    data = is.readAllBytes();
                }
                if (entry.getName().endsWith("/data.pkl")) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    for (int i = 0; i < data.length; ) {
                        if (startsWith(data, i, cpu)) {
                            b.writeBytes(moved);
                            i += cpu.length;
                            count++;
                        } else {
                            b.write(data[i++]);
                        }
                    }
                    data = b.toByteArray();
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
        return count;
    }

    private static byte[] binunicode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[5 + b.length];
        out[0] = 'X';
        out[1] = (byte) b.length;
        System.arraycopy(b, 0, out, 5, b.length);
        return out;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
