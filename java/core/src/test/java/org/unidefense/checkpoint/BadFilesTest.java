package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.testing.Fixture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malicious, corrupt, truncated and foreign files: each refused with a message naming the file. */
class BadFilesTest {
    @TempDir
    Path dir;

    private String refused(Path p, String... expectedParts) {
        UserInputException e = assertThrows(UserInputException.class, () -> TorchSaveFile.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
        return e.getMessage();
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    private Path legacy(String name, byte[] object, byte[] rest) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(PickleBytes.legacyHeader(true));
        b.writeBytes(object);
        b.writeBytes(rest);
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    @Test
    void maliciousZipPickleCallingOsSystemIsRefused() throws IOException {
        Path marker = dir.resolve("PWNED");
        byte[] pickle = PickleBytes.proto2().global("os", "system").str("touch " + marker).hex("85").op('R').stop();
        Path p = zip("evil.pt", Map.of("evil/data.pkl", pickle));
        refused(p, "os.system", "refusing");
        assertFalse(Files.exists(marker));
    }

    @Test
    void maliciousLegacyPickleCallingEvalIsRefused() throws IOException {
        // builtins.eval reached through STACK_GLOBAL (protocol 4) inside a state dict value
        byte[] object = PickleBytes.proto2().op('}').str("x")
                .hex("8c086275696c74696e73948c046576616c9493").str("1+1").hex("85").op('R').op('s').stop();
        refused(legacy("evil.pth", object, new byte[0]), "builtins.eval");
    }

    @Test
    void storageTypesAreNotCallable() throws IOException {
        byte[] pickle = PickleBytes.proto2().global("torch", "FloatStorage").op(')').op('R').stop();
        refused(zip("call.pt", Map.of("a/data.pkl", pickle)), "cannot call");
    }

    @Test
    void missingEmptyAndForeignFiles() throws IOException {
        refused(dir.resolve("nope.pth"), "no such file");
        refused(Files.write(dir.resolve("empty.pth"), new byte[0]), "not a torch.save file", "empty file");
        refused(Files.writeString(dir.resolve("text.pth"), "hello world"), "not a torch.save file", "68 65 6c 6c");
        byte[] tar = new byte[1024];
        System.arraycopy("ustar".getBytes(), 0, tar, 257, 5);
        refused(Files.write(dir.resolve("old.tar"), tar), "tar-format");
        refused(zip("other.zip", Map.of("readme.txt", new byte[]{1})), "without FOLDER/data.pkl");
        refused(zip("script.pt", Map.of("m/data.pkl", new byte[]{'.'}, "m/constants.pkl", new byte[]{'.'},
                "m/code/m.py", new byte[]{'#'})), "TorchScript");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] full = Fixture.resourceBytes("A_udr18/weights.stored.pt");
        Path p = Files.write(dir.resolve("half.pt"), Arrays.copyOf(full, full.length / 2));
        refused(p, "zip");
    }

    @Test
    void zipWithAMissingOrShortStorage() throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (ZipFile z = new ZipFile(CheckpointFiles.copy(dir, "A_udr18/weights.stored.pt").toFile())) {
            z.stream().forEach(e -> {
                try {
                    entries.put(e.getName(), z.getInputStream(e).readAllBytes());
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        }
        byte[] three = entries.remove("weights.stored/data/3");
        refused(zip("missing.pt", entries), "storage 3", "weights.stored/data/3");
        entries.put("weights.stored/data/3", Arrays.copyOf(three, three.length - 4));
        refused(zip("short.pt", entries), "weights.stored/data/3 holds 252 bytes, expected 256");
        entries.put("weights.stored/data/3", three);
        entries.put("weights.stored/byteorder", "middle".getBytes());
        refused(zip("order.pt", entries), "byteorder");
    }

    @Test
    void bigEndianZipIsSwapped() throws IOException {
        StoredTensor t = StoredTensor.ofFloats(new float[]{1.5f, -2f}, 2);
        byte[] pickle = new Pickler().pickle(t);
        byte[] be = {0x3f, (byte) 0xc0, 0, 0, (byte) 0xc0, 0, 0, 0};
        Path p = zip("be.pt", Map.of("x/data.pkl", pickle, "x/byteorder", "big".getBytes(), "x/data/0", be));
        StoredTensor back = (StoredTensor) TorchSaveFile.read(p).root();
        assertEquals(1.5f, back.toFloats()[0]);
        assertEquals(-2f, back.toFloats()[1]);
    }

    @Test
    void truncatedLegacyFiles() throws IOException {
        byte[] full = CheckpointFiles.gunzipped("G_pretrained_format/resnet18-5c106cde.fixture.pth.gz");
        refused(Files.write(dir.resolve("cut1.pth"), Arrays.copyOf(full, 5000)), "truncated", "pickle ends");
        refused(Files.write(dir.resolve("cut2.pth"), Arrays.copyOf(full, full.length - 1000)), "truncated",
                "inside the data of storage");
    }

    @Test
    void legacyHeaderChecks() throws IOException {
        byte[] notMagic = PickleBytes.proto2().hex("4b05").stop();
        refused(Files.write(dir.resolve("int.pth"), notMagic), "magic number");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(PickleBytes.legacyHeader(true), 0, 15);
        b.writeBytes(PickleBytes.proto2().hex("4de803").stop());
        refused(Files.write(dir.resolve("v1000.pth"), b.toByteArray()), "protocol version 1000");
    }

    @Test
    void pickledModulesAreExplained() throws IOException {
        byte[] object = PickleBytes.proto2().op('(').str("module").global("torch.nn", "Linear").op('t').op('Q').stop();
        // the refused global comes first; without it the 'module' persistent id is explained
        refused(legacy("model.pth", object, new byte[0]), "torch.nn.Linear");
        object = PickleBytes.proto2().op('(').str("module").str("Linear").str("src").op('t').op('Q').stop();
        refused(legacy("model2.pth", object, new byte[0]), "nn.Module", "state_dict()");
    }

    @Test
    void legacyStorageViewsAndBigEndianData() throws IOException {
        // _rebuild_tensor_v2(storage view (key 'v', offset 2, size 3) of root 'r' (5 floats), 1, (2,), (1,), False, {})
        byte[] object = PickleBytes.proto2().global("torch._utils", "_rebuild_tensor_v2").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("r").str("cpu").integer(5)
                .op('(').str("v").integer(2).integer(3).op('t').op('t').op('Q')
                .integer(1).op('(').integer(2).op('t').op('(').integer(1).op('t').hex("89").op('}').op('t').op('R')
                .stop();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.writeBytes(PickleBytes.proto2().op(']').op('(').str("r").op('e').stop());
        rest.writeBytes(new byte[]{5, 0, 0, 0, 0, 0, 0, 0});
        for (float f : new float[]{10, 11, 12, 13, 14}) {
            int bits = Float.floatToIntBits(f);
            rest.writeBytes(new byte[]{(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(PickleBytes.legacyHeader(false));
        file.writeBytes(object);
        file.writeBytes(rest.toByteArray());
        Path p = Files.write(dir.resolve("view.pth"), file.toByteArray());
        StoredTensor t = (StoredTensor) TorchSaveFile.read(p).root();
        assertEquals(3, t.storageOffset(), "view offset 2 plus tensor offset 1");
        assertEquals(13f, t.toFloats()[0]);
        assertEquals(14f, t.toFloats()[1]);
    }

    @Test
    void legacyStorageCountMismatchAndUnknownKeys() throws IOException {
        byte[] object = PickleBytes.proto2().global("torch._utils", "_rebuild_tensor").op('(')
                .op('(').str("storage").global("torch", "LongStorage").str("k").str("cpu").integer(1).hex("4e")
                .op('t').op('Q').integer(0).op(')').op(')').op('t').op('R').stop();
        byte[] keys = PickleBytes.proto2().op(']').op('(').str("k").op('e').stop();
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.writeBytes(keys);
        rest.writeBytes(new byte[]{2, 0, 0, 0, 0, 0, 0, 0});
        refused(legacy("count.pth", object, rest.toByteArray()), "2 elements on disk, the pickle says 1");
        byte[] otherKeys = PickleBytes.proto2().op(']').op('(').str("zz").op('e').stop();
        refused(legacy("keys.pth", object, otherKeys), "key zz");
        byte[] noKeys = PickleBytes.proto2().op(']').stop();
        refused(legacy("nodata.pth", object, noKeys), "storage k is used but its data is missing");
        rest.reset();
        rest.writeBytes(keys);
        rest.writeBytes(new byte[]{1, 0, 0, 0, 0, 0, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0});
        StoredTensor ok = (StoredTensor) TorchSaveFile.read(legacy("ok.pth", object, rest.toByteArray())).root();
        assertEquals(42L, ok.toLongs()[0]);
        assertEquals(0, ok.dim());
    }

    @Test
    void tensorsReachingPastTheirStorageAreCorrupt() throws IOException {
        byte[] object = PickleBytes.proto2().global("torch._utils", "_rebuild_tensor").op('(')
                .op('(').str("storage").global("torch", "FloatStorage").str("k").str("cpu").integer(2).hex("4e")
                .op('t').op('Q').integer(1).op('(').integer(2).op('t').op('(').integer(1).op('t').op('t').op('R')
                .stop();
        refused(legacy("past.pth", object, new byte[0]), "reaches past the end");
    }
}
