package org.unidefense.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The legacy-format G fixtures, laid out like the official pretrained files: every ≥2-D
 * tensor a view into one shared pool storage at a hashed offset, every 1-D/0-D tensor its own
 * storage. Values follow a periodic pattern that the README defines independently of the file.
 */
class PretrainedFormatTest {
    private static final Fixture G = Fixture.of("G_pretrained_format");
    private static final String[] NAMES = {"resnet18-5c106cde", "adv-efficientnet-b4-44fb3a87", "resnet50_a1_0-14fe96d1"};

    @TempDir
    static Path dir;
    private static final Map<String, TorchSaveFile> FILES = new java.util.HashMap<>();

    @BeforeAll
    static void readAll() {
        for (String n : NAMES) {
            Path p = CheckpointFiles.gunzip(dir, "G_pretrained_format/" + n + ".fixture.pth.gz");
            FILES.put(n, TorchSaveFile.read(p));
        }
    }

    private static float pool(long p) {
        return (float) ((p % 4093) - 2046) / 4096f;
    }

    private static float own(long i) {
        return (float) ((i % 509) - 254) / 512f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18-5c106cde", "adv-efficientnet-b4-44fb3a87", "resnet50_a1_0-14fe96d1"})
    void keysDtypesShapesAndOffsetsMatchTheManifest(String name) {
        TorchSaveFile f = FILES.get(name);
        assertEquals(CheckpointFormat.LEGACY, f.format());
        StateDict sd = f.stateDict();
        JsonNode entries = G.manifest().path("state_dicts").get(name).get("entries");
        List<String> expectedKeys = new ArrayList<>();
        entries.forEach(e -> expectedKeys.add(e.get("name").asText()));
        assertEquals(expectedKeys, new ArrayList<>(sd.keys()), "keys in stored order");
        for (JsonNode e : entries) {
            StoredTensor t = sd.get(e.get("name").asText());
            assertEquals(e.get("dtype").asText(), t.dtype().pythonName(), e.get("name").asText());
            long[] shape = new long[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get("shape").get(i).asLong();
            }
            assertArrayEquals(shape, t.shape(), e.get("name").asText());
            assertTrue(t.isContiguous());
            if (e.has("gen")) {
                assertEquals(e.get("gen").get("start").asLong(), t.storageOffset(), e.get("name").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18-5c106cde", "adv-efficientnet-b4-44fb3a87", "resnet50_a1_0-14fe96d1"})
    void everyFloatElementFollowsItsStoragePattern(String name) {
        StateDict sd = FILES.get(name).stateDict();
        long pool = G.manifest().path("state_dicts").get(name).get("shared_pool_numel").asLong();
        Storage poolStorage = null;
        Set<Storage> ownStorages = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Storage, float[]> floats = new IdentityHashMap<>();
        for (Map.Entry<String, StoredTensor> e : sd.tensors().entrySet()) {
            StoredTensor t = e.getValue();
            if (t.dtype() != DType.FLOAT32) {
                continue;
            }
            float[] b = floats.computeIfAbsent(t.storage(), PretrainedFormatTest::storageFloats);
            boolean shared = t.dim() >= 2;
            if (shared) {
                if (poolStorage == null) {
                    poolStorage = t.storage();
                }
                assertSame(poolStorage, t.storage(), e.getKey() + " views the shared pool");
            } else {
                assertTrue(ownStorages.add(t.storage()), e.getKey() + " has a storage of its own");
                assertEquals(0, t.storageOffset());
                assertEquals(t.numel(), t.storage().numel());
            }
            for (long j = 0; j < t.numel(); j++) {
                long idx = t.storageOffset() + j;
                float want = shared ? pool(idx) : own(idx);
                if (b[(int) idx] != want) {
                    throw new AssertionError(e.getKey() + "[" + j + "] != " + want);
                }
            }
        }
        assertEquals(pool, poolStorage.numel(), "pool size");
        // The README's worked examples of the two patterns, read straight from the storages.
        ByteBuffer p = poolStorage.buffer();
        assertEquals(-0.49951171875f, p.getFloat(0));
        assertEquals(0f, p.getFloat(2046 * 4));
        assertEquals(0.49951171875f, p.getFloat(4092 * 4));
        assertEquals(-0.49951171875f, p.getFloat(4093 * 4));
    }

    private static float[] storageFloats(Storage s) {
        float[] out = new float[(int) s.numel()];
        s.buffer().asFloatBuffer().get(out);
        return out;
    }

    @Test
    void ownStorageExamplesFromTheReadme() {
        // Any 1-D float tensor with at least 510 elements covers i = 0, 1, 254, 508, 509.
        StoredTensor t = FILES.get("resnet18-5c106cde").stateDict().get("layer4.0.bn1.weight");
        float[] v = t.toFloats();
        assertEquals(-0.49609375f, v[0]);
        assertEquals(-0.494140625f, v[1]);
        assertEquals(0f, v[254]);
        assertEquals(0.49609375f, v[508]);
        assertEquals(-0.49609375f, v[509]);
    }

    @Test
    void conv1FirstValuesAtOffset328223() {
        for (String n : new String[]{"resnet18-5c106cde", "resnet50_a1_0-14fe96d1"}) {
            StoredTensor t = FILES.get(n).stateDict().get("conv1.weight");
            assertEquals(328223, t.storageOffset());
            assertEquals(-0.308349609375, t.getDouble(0));
            assertEquals(-0.30810546875, t.getDouble(1));
            assertEquals(-0.307861328125, t.getDouble(2));
        }
        StoredTensor fc = FILES.get("adv-efficientnet-b4-44fb3a87").stateDict().get("_fc.weight");
        assertEquals(0, fc.storageOffset());
        assertArrayEquals(new long[]{1000, 1792}, fc.shape());
        assertEquals(-0.49951171875, fc.getDouble(0));
    }

    @Test
    void valuesEqualTheFixtureStateDict() {
        Map<String, FixtureTensor> want = G.stateDict("resnet18-5c106cde");
        StateDict sd = FILES.get("resnet18-5c106cde").stateDict();
        for (Map.Entry<String, FixtureTensor> e : want.entrySet()) {
            assertArrayEquals(e.getValue().floats(), sd.get(e.getKey()).toFloats(), e.getKey());
        }
    }

    @Test
    void metadataOnlyWhereTheWriterKeptIt() {
        for (String n : NAMES) {
            boolean expected = G.manifest().path("state_dicts").get(n).get("has__metadata").asBoolean();
            StateDict sd = FILES.get(n).stateDict();
            assertEquals(expected, sd.metadata().isPresent(), n);
            assertFalse(sd.contains("_metadata"), n);
        }
        Object meta = FILES.get("adv-efficientnet-b4-44fb3a87").stateDict().metadata().orElseThrow();
        // One entry per module, each a dict holding the module's version.
        Map<?, ?> m = (Map<?, ?>) meta;
        assertEquals(Map.of("version", 1L), m.get("_conv_stem"));
        assertEquals(Map.of("version", 2L), m.get("_bn0"));
    }

    @Test
    void numBatchesTrackedValues() {
        assertTrue(FILES.get("resnet18-5c106cde").stateDict().keys().stream()
                .noneMatch(k -> k.endsWith("num_batches_tracked")));
        for (String n : new String[]{"adv-efficientnet-b4-44fb3a87", "resnet50_a1_0-14fe96d1"}) {
            StateDict sd = FILES.get(n).stateDict();
            int count = 0;
            for (JsonNode e : G.manifest().path("state_dicts").get(n).get("entries")) {
                if (e.get("name").asText().endsWith("num_batches_tracked")) {
                    StoredTensor t = sd.get(e.get("name").asText());
                    assertEquals(DType.INT64, t.dtype());
                    assertEquals(0, t.dim());
                    long want = G.bytes(e.get("file").asText()).getLong(e.get("offset_bytes").asInt());
                    assertEquals(want, t.toLongs()[0], e.get("name").asText());
                    count++;
                }
            }
            assertTrue(count > 10, n);
        }
        assertEquals(12345L, FILES.get("resnet50_a1_0-14fe96d1").stateDict().get("bn1.num_batches_tracked").toLongs()[0]);
        assertEquals(0L, FILES.get("adv-efficientnet-b4-44fb3a87").stateDict().get("_bn0.num_batches_tracked").toLongs()[0]);
    }

    @Test
    void parameterCountsSumFloatingAndIntegerElementsApart() {
        StateDict sd = FILES.get("resnet18-5c106cde").stateDict();
        // torchvision's resnet18 has 11,689,512 parameters; the state dict adds BN running stats.
        long runningStats = sd.tensors().entrySet().stream()
                .filter(e -> e.getKey().endsWith("running_mean") || e.getKey().endsWith("running_var"))
                .mapToLong(e -> e.getValue().numel()).sum();
        assertEquals(9600, runningStats);
        assertEquals(11_689_512L + runningStats, sd.floatingElements());
        assertEquals(0, sd.integerElements());
        long ownStorages = sd.tensors().values().stream().filter(t -> t.dim() < 2).count();
        assertEquals(81, ownStorages);
        assertEquals(1 + ownStorages, sd.distinctStorages(), "one pool plus one storage per 1-D tensor");
    }
}
