package org.unidefense.model.recce;

import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.Udg1;
import org.unidefense.tensor.Tensors;

import java.util.HashMap;
import java.util.Map;

/**
 * The draws of the R_recce_loss run (README R.4): the stored noise selection, the white noise
 * regenerated with UDG1 (c = 0, halfwidth 2^-19, or 0.25 for the bignoise variant), and the UDG1
 * dropout masks {@code keep_j = top24(fnv1a64(seed), j) >= 3355443}, scale 1.25, seed
 * {@code <prefix>/dropout/<module>/call<k>}. Each mask's kept count is checked against the manifest.
 */
public final class ScriptedRecceDraws implements RecceDraws {
    private static final String PREFIX = "UD-R_recce_loss-RECCE-s2002";
    private static final int KEEP_THRESHOLD = 3355443;

    private final Fixture f;
    private final String noiseSeed;
    private final float noiseHalfwidth;
    private final Map<String, Integer> calls = new HashMap<>();
    private int masksDrawn;

    private ScriptedRecceDraws(Fixture f, String noiseSeed, float noiseHalfwidth) {
        this.f = f;
        this.noiseSeed = noiseSeed;
        this.noiseHalfwidth = noiseHalfwidth;
    }

    public static ScriptedRecceDraws main(Fixture f) {
        return new ScriptedRecceDraws(f, PREFIX + "/white_noise_normal", 0x1p-19f);
    }

    public static ScriptedRecceDraws bigNoise(Fixture f) {
        return new ScriptedRecceDraws(f, PREFIX + "/white_noise_normal_big", 0.25f);
    }

    public int masksDrawn() {
        return masksDrawn;
    }

    @Override
    public Tensor noiseSelection(Tensor input) {
        return f.tensor("white_noise_rand").to(input.scalar_type());
    }

    @Override
    public Tensor whiteNoise(Tensor input, double std) {
        if (std != 1e-6) {
            throw new AssertionError("RECCE draws its white noise with std 1e-6, asked for " + std);
        }
        long[] shape = Tensors.shape(input);
        int n = (int) input.numel();
        return Tensors.fromFloats(Udg1.values(noiseSeed, 0, n, 0f, noiseHalfwidth), shape).to(input.scalar_type());
    }

    @Override
    public Tensor dropoutMask(String module, Tensor like, double p) {
        int call = calls.merge(module, 1, Integer::sum) - 1;
        String seed = PREFIX + "/dropout/" + module + "/call" + call;
        JsonNode expected = null;
        for (JsonNode c : f.meta().get("dropout_calls_in_forward_order")) {
            if (c.get("seed").asText().equals(seed)) {
                expected = c;
            }
        }
        if (expected == null || p != expected.get("p").asDouble()) {
            throw new AssertionError("unexpected dropout call " + seed + " with p " + p);
        }
        long s = Udg1.fnv1a64(seed);
        int n = (int) like.numel();
        float[] v = new float[n];
        int kept = 0;
        for (int j = 0; j < n; j++) {
            if (Udg1.top24(s, j) >= KEEP_THRESHOLD) {
                v[j] = 1.25f;
                kept++;
            }
        }
        if (kept != expected.get("kept").asInt()) {
            throw new AssertionError(seed + ": kept " + kept + ", the fixture says " + expected.get("kept").asInt());
        }
        masksDrawn++;
        return Tensors.fromFloats(v, Tensors.shape(like)).to(like.scalar_type());
    }
}
