package org.unidefense.train;

import com.fasterxml.jackson.databind.JsonNode;
import org.unidefense.testing.FixtureTensor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Differences between a {@link Snapshot} and the E fixture's stored tensors. */
final class FixtureComparison {
    /** Largest |diff| over parameters, over BN running statistics, and over the sampled elements. */
    double paramMax;
    double runningStatMax;
    double runningStatRelMax;
    double sampledMax;
    /** Sampled elements off by more than 1e-6. */
    int sampledOff;
    int sampledCount;
    /** ||actual − expected||₂ / ||expected||₂ over the complete small tensors and over the samples. */
    double smallRelL2;
    double sampledRelL2;
    /**
     * The worst tensor by ||actual − expected||₂ / ||expected||₂ and by max|diff| / max|expected|,
     * over the small tensors and the sampled elements of each ≥2-D tensor (parameters and
     * gradients, not running statistics).
     */
    double worstTensorRelL2;
    double worstTensorRelMax;
    String worstTensor = "";
    String worstParam = "";

    static FixtureComparison of(Snapshot s, String small, String samples) {
        FixtureComparison c = new FixtureComparison();
        double dd = 0;
        double rr = 0;
        for (Map.Entry<String, FixtureTensor> e : ReferenceStep.FX.stateDict(small).entrySet()) {
            String key = e.getKey();
            if (!e.getValue().isFloat()) {
                assertArrayEquals(e.getValue().longs(), s.smallLongs.get(key), small + "/" + key);
                continue;
            }
            float[] actual = s.small.get(key);
            assertNotNull(actual, key);
            float[] expected = e.getValue().floats();
            boolean stat = key.endsWith("running_mean") || key.endsWith("running_var");
            if (!stat) {
                c.tensor(key, actual, expected, 0, expected.length);
            }
            for (int i = 0; i < expected.length; i++) {
                double d = Math.abs((double) actual[i] - expected[i]);
                dd += d * d;
                rr += (double) expected[i] * expected[i];
                if (stat) {
                    c.runningStatMax = Math.max(c.runningStatMax, d);
                    c.runningStatRelMax = Math.max(c.runningStatRelMax, d / Math.max(1.0, Math.abs(expected[i])));
                } else if (d > c.paramMax) {
                    c.paramMax = d;
                    c.worstParam = key;
                }
            }
        }
        c.smallRelL2 = Math.sqrt(dd / rr);
        float[] expected = ReferenceStep.FX.floats(samples);
        dd = 0;
        rr = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) s.sampled[i] - expected[i]);
            dd += d * d;
            rr += (double) expected[i] * expected[i];
            c.sampledMax = Math.max(c.sampledMax, d);
            c.sampledOff += d > 1e-6 ? 1 : 0;
        }
        c.sampledCount = expected.length;
        c.sampledRelL2 = Math.sqrt(dd / rr);
        for (JsonNode plan : ReferenceStep.FX.meta().get("sample_plan")) {
            String key = plan.get("key").asText();
            if (!key.endsWith("running_mean") && !key.endsWith("running_var")) {
                c.tensor(key + "[sampled]", s.sampled, expected, plan.get("offset").asInt(), plan.get("count").asInt());
            }
        }
        return c;
    }

    /** Folds one tensor's relative errors (elements {@code from .. from+count}) into the worst-tensor figures. */
    private void tensor(String key, float[] actual, float[] expected, int from, int count) {
        double dd = 0;
        double rr = 0;
        double maxDiff = 0;
        double maxValue = 0;
        for (int i = from; i < from + count; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            dd += d * d;
            rr += (double) expected[i] * expected[i];
            maxDiff = Math.max(maxDiff, d);
            maxValue = Math.max(maxValue, Math.abs(expected[i]));
        }
        if (maxValue == 0) {
            return; // an all-zero gradient (e.g. a frozen bias): the absolute checks cover it
        }
        double relL2 = Math.sqrt(dd / rr);
        double relMax = maxDiff / maxValue;
        if (relL2 > worstTensorRelL2) {
            worstTensorRelL2 = relL2;
            worstTensor = key;
        }
        worstTensorRelMax = Math.max(worstTensorRelMax, relMax);
    }

    /** Sample-plan keys covered, for messages. */
    static int plannedTensors() {
        JsonNode plan = ReferenceStep.FX.meta().get("sample_plan");
        return plan.size();
    }

    double sampledOffShare() {
        return (double) sampledOff / sampledCount;
    }

    void assertWithin(String what, double paramTol, double statTol, double maxOffShare) {
        String summary = toString();
        assertTrue(paramMax <= paramTol, what + ": parameters " + summary);
        assertTrue(sampledMax <= paramTol, what + ": sampled ≥2-D weights " + summary);
        assertTrue(runningStatRelMax <= statTol, what + ": BN running statistics " + summary);
        assertTrue(sampledOffShare() <= maxOffShare, what + ": share of sampled elements off by >1e-6 " + summary);
    }

    @Override
    public String toString() {
        return String.format("[params max %.3g (%s), running stats max %.3g (rel %.3g), sampled max %.3g, "
                        + "sampled off %d/%d, rel L2 small %.3g sampled %.3g, worst tensor rel L2 %.3g (%s), "
                        + "worst tensor rel max %.3g]", paramMax, worstParam, runningStatMax,
                runningStatRelMax, sampledMax, sampledOff, sampledCount, smallRelL2, sampledRelL2,
                worstTensorRelL2, worstTensor, worstTensorRelMax);
    }
}
