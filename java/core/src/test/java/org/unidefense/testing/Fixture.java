package org.unidefense.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Tensors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One group of the reference fixtures (copied into test resources under {@code /fixtures/}):
 * its manifest, its arrays and its state dicts, with generated entries rebuilt bit-exactly.
 */
public final class Fixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String group;
    private final JsonNode manifest;
    private final Map<String, JsonNode> arrays = new LinkedHashMap<>();

    private Fixture(String group) {
        this.group = group;
        this.manifest = readJson(group + "/manifest.json");
        for (JsonNode a : manifest.path("arrays")) {
            arrays.put(a.get("name").asText(), a);
        }
    }

    public static Fixture of(String group) {
        return new Fixture(group);
    }

    public String group() {
        return group;
    }

    public JsonNode manifest() {
        return manifest;
    }

    public JsonNode meta() {
        return manifest.path("meta");
    }

    /** A scalar from the manifest's {@code scalars} block ("Infinity"/"NaN" strings honoured). */
    public double scalar(String key) {
        JsonNode n = manifest.path("scalars").get(key);
        if (n == null) {
            throw new IllegalArgumentException(group + ": no scalar " + key);
        }
        return asDouble(n);
    }

    public static double asDouble(JsonNode n) {
        if (n.isTextual()) {
            switch (n.asText()) {
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                case "NaN": return Double.NaN;
                default: return Double.parseDouble(n.asText());
            }
        }
        return n.asDouble();
    }

    public boolean hasArray(String name) {
        return arrays.containsKey(name);
    }

    public long[] shape(String name) {
        return shapeOf(array(name));
    }

    public float[] floats(String name) {
        JsonNode a = array(name);
        requireDtype(a, "float32");
        ByteBuffer b = bytes(a.get("file").asText());
        float[] out = new float[(int) numel(shapeOf(a))];
        b.position(a.path("offset_bytes").asInt());
        b.asFloatBuffer().get(out);
        return out;
    }

    public long[] longs(String name) {
        JsonNode a = array(name);
        requireDtype(a, "int64");
        ByteBuffer b = bytes(a.get("file").asText());
        long[] out = new long[(int) numel(shapeOf(a))];
        b.position(a.path("offset_bytes").asInt());
        b.asLongBuffer().get(out);
        return out;
    }

    /** An array of this group as a new libtorch tensor (float32 or int64, as stored). */
    public Tensor tensor(String name) {
        String dtype = array(name).get("dtype").asText();
        return dtype.equals("int64") ? Tensors.fromLongs(longs(name), shape(name)) : Tensors.fromFloats(floats(name), shape(name));
    }

    /**
     * A scripted F.dropout mask of E_train_udr18 ({@code meta.dropout_masks.<name>}): UDG1 draws
     * kept where top24 >= the threshold, kept values 1/(1-0.2) = 1.25; the kept count must match.
     */
    public Tensor scriptedDropoutMask(String name) {
        JsonNode m = meta().get("dropout_masks").get(name);
        long[] shape = shapeOf(m);
        int n = (int) numel(shape);
        long seed = Udg1.fnv1a64(m.get("seed").asText());
        int threshold = m.get("threshold_top24").asInt();
        float[] v = new float[n];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            if (Udg1.top24(seed, j) >= threshold) {
                v[j] = 1.25f;
                kept++;
            }
        }
        if (kept != m.get("kept").asInt()) {
            throw new AssertionError(name + ": kept " + kept + " elements, the fixture says " + m.get("kept").asInt());
        }
        return Tensors.fromFloats(v, shape);
    }

    /** A state dict of the manifest, in its stored order, generated entries rebuilt. */
    public Map<String, FixtureTensor> stateDict(String sdName) {
        JsonNode sd = manifest.path("state_dicts").get(sdName);
        if (sd == null) {
            throw new IllegalArgumentException(group + ": no state dict " + sdName);
        }
        Map<String, FixtureTensor> out = new LinkedHashMap<>();
        for (JsonNode e : sd.get("entries")) {
            out.put(e.get("name").asText(), entry(e));
        }
        return out;
    }

    private FixtureTensor entry(JsonNode e) {
        String name = e.get("name").asText();
        String dtype = e.get("dtype").asText();
        long[] shape = shapeOf(e);
        int n = (int) numel(shape);
        String source = e.get("source").asText();
        if (source.equals("gen")) {
            JsonNode g = e.get("gen");
            String algo = g.get("algo").asText();
            if (algo.equals("UDG1")) {
                float[] v = Udg1.values(g.get("seed").asText(), g.get("start").asLong(), n,
                        (float) g.get("center").asDouble(), (float) g.get("halfwidth").asDouble());
                return FixtureTensor.ofFloats(name, shape, v);
            }
            if (algo.equals("PERIODIC")) {
                long start = g.get("start").asLong();
                long period = g.get("period").asLong();
                long shift = g.get("shift").asLong();
                float scale = (float) g.get("scale").asDouble();
                float[] v = new float[n];
                for (int j = 0; j < n; j++) {
                    v[j] = (float) (((start + j) % period) - shift) / scale;
                }
                return FixtureTensor.ofFloats(name, shape, v);
            }
            throw new IllegalStateException("unknown generator " + algo);
        }
        ByteBuffer b = bytes(e.get("file").asText());
        b.position(e.get("offset_bytes").asInt());
        if (dtype.equals("float32")) {
            float[] v = new float[n];
            b.asFloatBuffer().get(v);
            return FixtureTensor.ofFloats(name, shape, v);
        }
        if (dtype.equals("int64")) {
            long[] v = new long[n];
            b.asLongBuffer().get(v);
            return FixtureTensor.ofLongs(name, shape, v);
        }
        throw new IllegalStateException("unsupported dtype " + dtype);
    }

    /** The raw bytes of a file of this group, little-endian view. */
    public ByteBuffer bytes(String file) {
        return ByteBuffer.wrap(resourceBytes(group + "/" + file)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static byte[] resourceBytes(String path) {
        try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource /fixtures/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readJson(String path) {
        try {
            return JSON.readTree(resourceBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode array(String name) {
        JsonNode a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(group + ": no array " + name);
        }
        return a;
    }

    private static void requireDtype(JsonNode a, String dtype) {
        if (!a.get("dtype").asText().equals(dtype)) {
            throw new IllegalArgumentException(a.get("name").asText() + " is " + a.get("dtype").asText());
        }
    }

    static long[] shapeOf(JsonNode a) {
        JsonNode s = a.get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
