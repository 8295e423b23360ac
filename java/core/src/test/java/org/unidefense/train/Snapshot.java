package org.unidefense.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.FixtureTensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies of the model's tensors (or of their gradients) in the layout the E fixture stores:
 * the complete 1-D/0-D entries of a {@code *_small} state dict, and the {@code ≥2-D} tensors at
 * {@code sample_index}, concatenated in {@code meta.sample_plan} order.
 */
final class Snapshot {
    final Map<String, float[]> small = new LinkedHashMap<>();
    final Map<String, long[]> smallLongs = new LinkedHashMap<>();
    final float[] sampled;

    private Snapshot(float[] sampled) {
        this.sampled = sampled;
    }

    /** Values of parameters and buffers. */
    static Snapshot ofState(UniDefenseModel model, String smallName) {
        return take(model.stateDict(), smallName);
    }

    /** {@code .grad} of the parameters (zeros where a parameter has none). */
    static Snapshot ofGradients(UniDefenseModel model, String smallName) {
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            Tensor g = e.getValue().grad();
            grads.put(e.getKey(), g != null && g.defined() ? g : e.getValue().detach().mul(new org.bytedeco.pytorch.Scalar(0)));
        }
        return take(grads, smallName);
    }

    private static Snapshot take(Map<String, Tensor> tensors, String smallName) {
        long[] index = ReferenceStep.FX.longs("sample_index");
        float[] sampled = new float[index.length];
        for (JsonNode plan : ReferenceStep.FX.meta().get("sample_plan")) {
            float[] all = Tensors.toFloats(tensors.get(plan.get("key").asText()));
            int offset = plan.get("offset").asInt();
            for (int i = 0; i < plan.get("count").asInt(); i++) {
                sampled[offset + i] = all[(int) index[offset + i]];
            }
        }
        Snapshot s = new Snapshot(sampled);
        for (Map.Entry<String, FixtureTensor> e : ReferenceStep.FX.stateDict(smallName).entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new AssertionError(smallName + ": the model has no tensor " + e.getKey());
            }
            if (e.getValue().isFloat()) {
                s.small.put(e.getKey(), Tensors.toFloats(t));
            } else {
                s.smallLongs.put(e.getKey(), Tensors.toLongs(t));
            }
        }
        return s;
    }
}
